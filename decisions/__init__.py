"""The decision records of councils: one package per capability (register, call_in,
forward_plan, reports, notifications, printing), the schema in models/, pure rules in rules/,
and the plumbing they share in web/. See "Layout" in README.md."""
