"""The public register: the home page, the list of decisions with its filters and
CSV, each decision and issue, the feeds and a council's brand stylesheet. Imports models,
rules, web and printing; nothing imports its views but the URLconf."""
