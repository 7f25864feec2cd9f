"""The management commands, kept thin: each calls into a package (synthetic/, the seed
fixtures, the demo logins)."""
