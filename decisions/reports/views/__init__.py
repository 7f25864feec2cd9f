"""The report screens of the workspace: drafting, rows and the workflow."""
