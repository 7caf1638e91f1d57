"""``python -m visualnet``: the same as the ``visualnet`` command."""

from visualnet.cli import main

raise SystemExit(main())
