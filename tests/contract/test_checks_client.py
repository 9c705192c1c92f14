"""The client the checks send their own requests with: one, pooled, and each request standing
alone (no cookie one answer sets rides on the next, least of all on another token's)."""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest

from contract_tests.checks.exchange import http


class SetsACookie(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        seen = (self.headers.get("Cookie") or "").encode()
        self.send_response(200)
        self.send_header("Set-Cookie", "__cf_bm=abc; Path=/")
        self.send_header("Content-Length", str(len(seen)))
        self.end_headers()
        self.wfile.write(seen)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def base_url() -> Iterator[str]:
    server = HTTPServer(("127.0.0.1", 0), SetsACookie)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_one_client_that_carries_no_cookie_to_the_next_request(base_url: str) -> None:
    assert http() is http()
    first = http().get(base_url + "/a")
    second = http().get(base_url + "/b", headers={"Authorization": "Bearer limited"})
    assert first.headers["set-cookie"].startswith("__cf_bm=")
    assert second.content == b""  # no Cookie header came with it
