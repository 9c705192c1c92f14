"""The `hubspot-toolkit` command line (main.py) and its subcommands, one module each."""
