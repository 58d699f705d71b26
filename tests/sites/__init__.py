"""The registry of port groups."""
