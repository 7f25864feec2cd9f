"""Signing in and out, locking out guessed passwords, and resetting a forgotten password.

Django's own authentication views, with the register's GOV.UK pages; django-axes refuses
sign-in after too many failures (settings.AXES_*). A password reset email is sent by the
worker (django-tasks), never inside the request, and asking for one is rate limited.

May import Django's auth, django-axes and decisions.web.forms for
the GOV.UK form helpers; nothing else in decisions depends on this package but the URLs.
"""
