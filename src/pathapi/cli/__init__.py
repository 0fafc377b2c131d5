"""The ``pathapi`` command: ``main`` (cli/commands.py) and its subcommands, one module per group of users."""

from __future__ import annotations

from pathapi.cli.commands import main

__all__ = ["main"]
