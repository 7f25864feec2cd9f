"""The report's forms: drafting (details, sections, rows) and the workflow."""
