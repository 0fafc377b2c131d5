"""The ``pathapi`` command: ``main`` (cli/main.py) and its subcommands, one module per group of users."""

from __future__ import annotations

from pathapi.cli.main import main

__all__ = ["main"]
