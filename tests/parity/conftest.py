"""A stand-in started as `hubspot-toolkit serve` with the records and associations the contract
suite names (HUBSPOT_CONTRACT_ASSOCIATIONS), a token with every scope and one with none, and a
page size of one so that its reads are paged; and the environment that points parity at it."""

import json
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from contract_tests.fixture import PAGE_SIZE, associations_fixture
from hubspot_toolkit.server.process import ReferenceServer
from hubspot_toolkit.spec.bundle import bundle_spec_dir
from tests.paths import SPEC_DIR

TOKEN = "pat-na1-parity-secret-never-written"
LIMITED = "pat-na1-parity-limited-secret"


@dataclass(frozen=True)
class Served:
    server: ReferenceServer
    associations: Path
    work: Path

    @property
    def base_url(self) -> str:
        return self.server.base_url

    def environment(self, base_url: str | None = None) -> dict[str, str]:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("HUBSPOT_")}
        return clean | {
            "HUBSPOT_BASE_URL": self.base_url if base_url is None else base_url,
            "HUBSPOT_ACCESS_TOKEN": TOKEN,
            "HUBSPOT_LIMITED_TOKEN": LIMITED,
            "HUBSPOT_CONTRACT_ASSOCIATIONS": str(self.associations),
            "HUBSPOT_SPEC_DIR": str(SPEC_DIR),
        }


@pytest.fixture(scope="session")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    work = tmp_path_factory.mktemp("parity")
    associations = work / "associations.json"
    associations.write_text(json.dumps(associations_fixture(bundle_spec_dir(SPEC_DIR))))
    tokens = work / "tokens.json"
    tokens.write_text(json.dumps({TOKEN: ["*"], LIMITED: []}))
    server = ReferenceServer(
        work / "db.sqlite3",
        tokens_file=tokens,
        associations_file=associations,
        page_size=PAGE_SIZE,
        spec_dir=SPEC_DIR,
    )
    with server:
        yield Served(server, associations, work)
