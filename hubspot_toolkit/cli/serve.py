"""`serve`: the reference server in the foreground, until SIGTERM or Ctrl-C."""

import argparse
import errno
import logging
import socket
import sys
from pathlib import Path

from hubspot_toolkit.cli.options import (
    SPEC_DIR_HELP,
    Subcommands,
    add_spec_dir,
    environment,
    needs,
    prefixed,
)
from hubspot_toolkit.errors import SpecError
from hubspot_toolkit.properties import SHIPPED_UNIQUE_KEY, PropertiesFileError
from hubspot_toolkit.server.config import ServerConfig

PREFIX = "HUBSPOT_SERVER_"


# argparse parses a string default with the option's type, so a bad value in the environment
# is reported like a bad option.
_env = prefixed(PREFIX)
DEFAULTS = ServerConfig()


def register(commands: Subcommands) -> None:
    summary = "run the reference server (a stand-in for HubSpot's two endpoints)"
    parser = commands.add_parser(
        "serve",
        help=summary,
        description=f"{summary}. Every option defaults to ${PREFIX}<NAME> when that is set.",
    )
    add_spec_dir(parser, installed_fallback=True)
    parser.add_argument(
        "--host", default=_env("HOST") or DEFAULTS.host, help=f"default {DEFAULTS.host}"
    )
    parser.add_argument(
        "--port",
        type=int,
        default=_env("PORT") or str(DEFAULTS.port),
        help=f"default {DEFAULTS.port}",
    )
    parser.add_argument(
        "--db",
        type=Path,
        default=Path(_env("DB") or DEFAULTS.db),
        help="the SQLite file (default var/reference-server.sqlite3)",
    )
    parser.add_argument(
        "--tokens",
        type=Path,
        default=_env("TOKENS"),
        metavar="FILE",
        help='JSON: token → scopes, e.g. {"t1": ["crm.objects.line_items.write"]}; '
        "without it the development token dev-token has every scope",
    )
    parser.add_argument(
        "--rate-limit",
        type=int,
        default=_env("RATE_LIMIT") or "0",
        metavar="N",
        help="requests per window per token (default off; HubSpot: 100, 190 or 250)",
    )
    parser.add_argument(
        "--rate-window",
        type=float,
        default=_env("RATE_WINDOW") or str(DEFAULTS.rate_window),
        metavar="SECONDS",
        help="the rate window (default 10, HubSpot's)",
    )
    parser.add_argument(
        "--associations",
        type=Path,
        default=_env("ASSOCIATIONS"),
        metavar="FILE",
        help="JSON records and associations to load",
    )
    parser.add_argument(
        "--faults",
        type=float,
        default=_env("FAULTS") or str(DEFAULTS.faults),
        metavar="FRACTION",
        help="fraction of requests answered with an injected failure (default 0)",
    )
    parser.add_argument(
        "--page-size",
        type=int,
        default=_env("PAGE_SIZE") or str(DEFAULTS.page_size),
        metavar="N",
        help="associations per id per answer (default 100)",
    )
    parser.add_argument(
        "--properties",
        type=Path,
        default=_env("PROPERTIES"),
        metavar="FILE",
        help="line item property definitions as HubSpot's Properties API answers them "
        "(GET /crm/v3/properties/line_items); default: HubSpot's standard ones and "
        f"{SHIPPED_UNIQUE_KEY}",
    )
    parser.add_argument(
        "--control",
        action="store_true",
        default=False,
        help="TEST ONLY: routes under /_control/ that add records, tokens and faults, show "
        "what was stored and received, and reset everything (loopback only; see "
        "hubspot_toolkit/server/control.py)",
    )
    environment(parser, [SPEC_DIR_HELP, *_env.options()])
    parser.set_defaults(run=serve_command)


def serve_command(args: argparse.Namespace) -> int:
    with needs("serve", "server"):
        import uvicorn

        from hubspot_toolkit.server.app import create_app
        from hubspot_toolkit.server.auth import DEV_TOKEN
        from hubspot_toolkit.server.config import ConfigError

    from hubspot_toolkit.client.strict import bundled_spec
    from hubspot_toolkit.spec.location import spec_dir_if_any

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s", stream=sys.stderr)
    log = logging.getLogger("hubspot_toolkit.server")
    spec_dir = spec_dir_if_any(args.spec_dir)
    try:
        config = ServerConfig(
            host=args.host,
            port=args.port,
            db=args.db,
            tokens_file=Path(args.tokens) if args.tokens else None,
            rate_limit=args.rate_limit or None,
            rate_window=args.rate_window,
            associations_file=Path(args.associations) if args.associations else None,
            faults=args.faults,
            spec_dir=spec_dir or DEFAULTS.spec_dir,
            page_size=args.page_size,
            properties_file=Path(args.properties) if args.properties else None,
            control=args.control,
        )
        # No spec folder here: the spec the installed client was generated from, the one the
        # `hubspot` pytest fixture serves too.
        app = create_app(config, None if spec_dir else bundled_spec())
    except (ConfigError, SpecError, PropertiesFileError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if busy := _port_taken(config.host, config.port):
        print(f"error: --port {config.port}: {config.host}:{config.port} {busy}", file=sys.stderr)
        return 2
    if config.tokens_file is None:
        log.info("no --tokens file: accepting the development token %r, every scope", DEV_TOKEN)
    limit = (
        f"{config.rate_limit} requests per {config.rate_window:g} s per token"
        if config.rate_limit
        else "off"
    )
    served = spec_dir or "the one this toolkit was built with (no ./spec here)"
    log.info("spec: %s", served)
    log.info("database %s; rate limit %s; faults %s", config.db, limit, config.faults or "off")
    if config.control:
        log.warning("--control: test-only routes under /_control/ can rewrite every record")
    log.info("serving on http://%s:%d", config.host, config.port)
    # uvicorn handles SIGTERM and SIGINT: it stops accepting, finishes requests, then exits.
    uvicorn.run(app, host=config.host, port=config.port, access_log=False, log_level="warning")
    return 0


def _port_taken(host: str, port: int) -> str | None:
    """Why host:port cannot be listened on (in use, say), or None: checked before uvicorn,
    whose own failure is a logged traceback-like line and exit status 1."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    try:
        with socket.create_server((host, port), family=family):
            return None
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            return "is in use: stop what listens there, or pass another --port"
        return f"cannot be listened on: {exc.strerror or exc}"
