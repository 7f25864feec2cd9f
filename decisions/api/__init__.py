"""The JSON API (Django REST framework, drf-spectacular): the public register read-only.
May import models, selectors and rules; nothing imports it but the URLconf and, for its
base viewset (api/base.py), commissioning's API."""
