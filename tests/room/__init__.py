"""The reading room: Datasette in-process and in a headless browser."""
