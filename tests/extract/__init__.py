"""Extraction, on saved pages and small inputs: no crawl, no server."""
