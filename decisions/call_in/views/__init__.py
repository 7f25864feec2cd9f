"""The call-in screens, one module per screen or group of screens."""
