"""python -m hubspot_toolkit.contract"""

import sys

from hubspot_toolkit.contract.runner import main

sys.exit(main())
