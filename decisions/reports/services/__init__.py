"""The writes of a report's life, one module per stage: drafting, clearance,
the decision, and a report made from a seed record."""
