"""Allow ``python -m pathapi``."""

from pathapi.cli import main

raise SystemExit(main())
