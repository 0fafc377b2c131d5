"""Allow ``python -m pathapi``."""

from pathapi.cli.main import main

raise SystemExit(main())
