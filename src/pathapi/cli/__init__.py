"""The ``pathapi`` command: ``main`` (cli/commands.py) and its subcommands, one module per group of users."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pathapi`` console script (``commands.main``). The validation helper of a large
    ``pathapi serve`` starts first, before the modules of every command load (``store.head_start``)."""
    from pathapi.store import head_start

    head_start.start_for_command(sys.argv[1:] if argv is None else argv)
    from pathapi.cli.commands import main as run

    return run(argv)


__all__ = ["main"]
