"""Shared UI plumbing: ServiceForm and the date widgets, the GOV.UK widget helper,
pagination, the template context, and one formatting module (money, dates,
paragraphs) used by pages and PDFs alike."""
