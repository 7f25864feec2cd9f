# The benchmark is a script (run.py), not part of the test suite: pytest collects nothing here.
collect_ignore_glob = ["*"]
