"""Readable review of content changes between two states of a content repository."""
