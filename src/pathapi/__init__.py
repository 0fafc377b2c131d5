"""pathapi: customer service paths as validated JSON in git, served by a read-only API."""

__version__ = "0.1.0"
