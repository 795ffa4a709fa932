"""``python -m pancompiler.serve``: the same as ``panc-serve``."""

import sys

from .cli import main

sys.exit(main())
