"""Server settings from the environment (what `make serve` passes); empty means unset."""

import os
from dataclasses import dataclass
from pathlib import Path

REPO_SPEC_DIR = Path(__file__).resolve().parents[2] / "spec"
DEFAULT_DB = Path("var") / "reference-server.sqlite3"


class ConfigError(Exception):
    """A setting that cannot be used; the message names it."""


@dataclass(frozen=True)
class ServerConfig:
    host: str = "127.0.0.1"
    port: int = 8000
    db: Path = DEFAULT_DB
    tokens_file: Path | None = None
    rate_limit: int | None = None  # requests per window per token; None = off
    rate_window: float = 10.0  # HubSpot's window; shorter ones keep tests of pacing quick
    associations_file: Path | None = None
    faults: float = 0.0  # fraction of requests answered with an injected failure
    spec_dir: Path = REPO_SPEC_DIR
    page_size: int = 100  # associations per `from` id per answer

    @classmethod
    def from_environment(cls) -> "ServerConfig":
        env = {k: v.strip() for k, v in os.environ.items()}

        def number(name: str, kind: type[int] | type[float], low: float, high: float) -> float:
            text = env.get(name, "")
            try:
                value = kind(text)
            except ValueError:
                raise ConfigError(f"{name}={text!r} is not a number") from None
            if not low <= value <= high:
                raise ConfigError(f"{name}={text!r} must be between {low} and {high}")
            return value

        rate = int(number("RATE_LIMIT", int, 0, 10**6)) if env.get("RATE_LIMIT") else 0
        return cls(
            host=env.get("HOST") or "127.0.0.1",
            port=int(number("PORT", int, 0, 65535)) if env.get("PORT") else 8000,
            db=Path(env["DB"]) if env.get("DB") else DEFAULT_DB,
            tokens_file=Path(env["TOKENS"]) if env.get("TOKENS") else None,
            rate_limit=rate or None,
            rate_window=number("RATE_WINDOW", float, 0.1, 3600) if env.get("RATE_WINDOW") else 10.0,
            associations_file=Path(env["ASSOCIATIONS"]) if env.get("ASSOCIATIONS") else None,
            faults=float(number("FAULTS", float, 0, 1)) if env.get("FAULTS") else 0.0,
            spec_dir=Path(env["SPEC_DIR"]) if env.get("SPEC_DIR") else REPO_SPEC_DIR,
            page_size=int(number("PAGE_SIZE", int, 1, 10**5)) if env.get("PAGE_SIZE") else 100,
        )
