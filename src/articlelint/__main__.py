"""``python -m articlelint``."""

from articlelint.cli import main

raise SystemExit(main())
