"""WeasyPrint rendering of the records of decision, the reports and the forward
plan, and the views that answer with them."""
