"""Drafting key decision reports in the officer workspace (being written)."""
