"""`python -m hubspot_toolkit.server` (what `make serve` runs): serve until SIGTERM or Ctrl-C."""

import logging
import sys

import uvicorn

from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.server.app import create_app
from hubspot_toolkit.server.auth import DEV_TOKEN
from hubspot_toolkit.server.config import ConfigError, ServerConfig


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    log = logging.getLogger("hubspot_toolkit.server")
    try:
        config = ServerConfig.from_environment()
        app = create_app(config)
    except (ConfigError, SpecError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if config.tokens_file is None:
        log.info("no TOKENS file: accepting the development token %r with every scope", DEV_TOKEN)
    limit = (
        f"{config.rate_limit} requests per {config.rate_window:g} s per token"
        if config.rate_limit
        else "off"
    )
    log.info("database %s; rate limit %s; faults %s", config.db, limit, config.faults or "off")
    log.info("serving on http://%s:%d", config.host, config.port)
    # uvicorn handles SIGTERM and SIGINT: it stops accepting, finishes requests, then exits.
    uvicorn.run(app, host=config.host, port=config.port, access_log=False, log_level="warning")
    return 0


if __name__ == "__main__":
    sys.exit(main())
