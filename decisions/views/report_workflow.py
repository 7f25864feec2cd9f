"""Clearance, forward plan and decision of key decision reports (being written)."""
