"""Who hears what: emails queued for the worker, subscriptions (following a
decision or a council) and the personal call-in calendar."""
