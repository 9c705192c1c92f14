"""`python -m hubspot_toolkit …` is `hubspot-toolkit …`."""

import sys

from hubspot_toolkit.cli.main import main

sys.exit(main())
