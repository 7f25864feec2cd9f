"""The synthetic national register behind `manage.py generate_register`."""
