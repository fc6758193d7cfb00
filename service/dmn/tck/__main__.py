"""``python -m service.dmn.tck /path/to/dmn-tck [--csv results.csv] [--failures]``."""

import sys

from .runner import main

sys.exit(main())
