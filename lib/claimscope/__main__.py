"""``python -m claimscope ...`` runs the ``claimscope`` command."""

import sys

from claimscope.cli import main

sys.exit(main())
