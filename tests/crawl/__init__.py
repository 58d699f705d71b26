"""The crawl end to end against the replica, and its middlewares and pipelines."""
