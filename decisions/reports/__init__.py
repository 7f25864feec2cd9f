"""Key decision reports, from the report author's draft to the decision maker:
access, drafting, clearance, the decision and the report's rich text."""
