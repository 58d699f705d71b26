"""The archive file: schema, rows, search index, fixity, reparse, take-downs."""
