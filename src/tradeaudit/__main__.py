"""`python -m tradeaudit` runs the command line."""

from tradeaudit.cli import main

raise SystemExit(main())
