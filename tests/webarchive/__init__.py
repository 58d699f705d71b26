"""WARC and WACZ export and import."""
