"""Commissioning: suppliers, contracts and their extension options, funding lines and service
volumes. It may use decisions' models and selectors; decisions uses only its models and
selectors, never its views."""
