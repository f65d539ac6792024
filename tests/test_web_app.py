"""The web app's guard: Host header, tokens, and security headers on every answer (issue 18)."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient
from map_fixtures import store_of

from entente.cli import main
from entente.errors import UsageError
from entente.web import create_app
from entente.web.app import CSP, host_name, is_loopback


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("guard") / "guard.duckdb"
    store_of(path, []).close()
    return path


def _client(db: Path, base_url: str = "http://127.0.0.1", **options) -> TestClient:
    return TestClient(create_app(db, **options), base_url=base_url, raise_server_exceptions=False)


@pytest.mark.parametrize(
    "host", ["localhost", "localhost:8000", "127.0.0.1:8000", "127.8.0.1", "[::1]:8000"]
)
def test_guard_loopback_host_served(db: Path, host: str) -> None:
    with _client(db) as c:
        assert c.get("/api/overview", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize(
    "host",
    ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.evil.example"],
)
def test_guard_foreign_host_refused_with_400_and_headers(db: Path, host: str) -> None:
    """Issue 18: `Host: evil.example` got 200 (DNS rebinding reads the store)."""
    with _client(db) as c:
        response = c.get("/api/overview", headers={"Host": host})
        assert response.status_code == 400
        assert "--allow-host" in response.json()["detail"]
        assert response.headers["content-security-policy"] == CSP
        assert c.get("/", headers={"Host": host}).status_code == 400


def test_guard_allowed_host_served(db: Path) -> None:
    with _client(db, allowed_hosts=["Entente.Example.org"]) as c:
        assert c.get("/api/overview", headers={"Host": "entente.example.org:80"}).status_code == 200
        assert c.get("/api/overview", headers={"Host": "evil.example"}).status_code == 400
    with _client(db, allowed_hosts=["*"]) as c:
        assert c.get("/api/overview", headers={"Host": "evil.example"}).status_code == 200


@pytest.mark.parametrize("token", ["", " ", "\t\n"])
def test_guard_blank_token_refused(db: Path, token: str) -> None:
    """Issue 18: `--token " "` was accepted on 0.0.0.0."""
    with pytest.raises(UsageError, match="blank"):
        create_app(db, token=token)
    result = CliRunner().invoke(
        main, ["serve", "--db", str(db), "--host", "0.0.0.0", "--token", token]
    )
    assert result.exit_code == 1
    assert "blank" in result.output


def test_guard_non_ascii_tokens_compared_as_bytes(db: Path) -> None:
    """Issue 18: a non-ASCII ?token= gave a 500 without security headers, and a
    non-ASCII --token made every request 500."""
    with _client(db, token="s3cret") as c:
        wrong = c.get("/api/overview", params={"token": "sécret"})
        assert wrong.status_code == 401
        assert wrong.headers["content-security-policy"] == CSP
    with _client(db, token="sécret-ключ") as c:
        assert c.get("/api/overview", params={"token": "sécret-ключ"}).status_code == 200
        assert c.get("/api/overview", params={"token": "secret"}).status_code == 401
        header = {"Authorization": "Bearer sécret-ключ".encode()}
        assert c.get("/api/overview", headers=header).status_code == 200


def test_guard_server_error_answered_with_headers_and_error_shape(db: Path) -> None:
    app = create_app(db)

    @app.get("/api/boom")
    def boom() -> None:
        raise ZeroDivisionError("bug")

    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        response = c.get("/api/boom")
    assert response.status_code == 500
    assert response.headers["content-security-policy"] == CSP
    assert "ZeroDivisionError" in response.json()["detail"]


def test_host_name_and_loopback() -> None:
    assert host_name("[::1]:8000") == "::1"
    assert host_name("Example.ORG.:443") == "example.org"
    assert is_loopback("::1") and is_loopback("127.3.4.5") and is_loopback("LOCALHOST")
    assert not is_loopback("0.0.0.0") and not is_loopback("10.0.0.1")


@pytest.fixture
def served(db: Path) -> Iterator[str]:
    """A default `entente serve` on a free loopback port, as users start it."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [sys.executable, "-m", "entente", "serve", "--db", str(db), "--port", str(port)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/api/overview"
    try:
        for _ in range(200):
            try:
                urllib.request.urlopen(url, timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        os.kill(server.pid, signal.SIGTERM)
        server.wait(timeout=10)


def test_serve_default_refuses_foreign_host_header(served: str) -> None:
    """Issue 18, done when: `curl -H 'Host: evil.example'` gets 400 from a default serve."""
    with urllib.request.urlopen(served, timeout=5) as ok:
        assert ok.status == 200
    request = urllib.request.Request(served, headers={"Host": "evil.example"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=5)
    assert refused.value.code == 400
    assert refused.value.headers["Content-Security-Policy"] == CSP


def test_response_cache_serves_the_same_answer_again(db: Path) -> None:
    """A /api/ answer is computed once: the store is read-only while served."""
    app = create_app(db)
    with TestClient(app, base_url="http://127.0.0.1") as c:
        first = c.get("/api/overview")
        again = c.get("/api/overview")
        assert again.status_code == 200 and again.content == first.content
        assert again.headers["content-type"] == first.headers["content-type"]
        assert again.headers["content-security-policy"] == CSP
        cache = app.response_cache
        assert cache is not None and (cache.hits, cache.misses) == (1, 1)
        assert c.get("/api/overview?x=1").status_code == 200  # another URL, another entry
        assert cache.misses == 2


def test_response_cache_keeps_no_errors_and_never_skips_the_guard(db: Path) -> None:
    app = create_app(db, token="s3cret")
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as c:
        assert c.get("/api/overview?token=s3cret").status_code == 200
        assert c.get("/api/overview", headers={"Host": "evil.example"}).status_code == 400
        assert c.get("/api/overview").status_code == 401  # cached, yet still guarded
        for _ in range(2):
            assert c.get("/api/events?since=nonsense&token=s3cret").status_code == 400
        cache = app.response_cache
        assert cache is not None and len(cache.entries) == 1


def test_response_cache_bounded_least_recently_used_first() -> None:
    from entente.web.app import ResponseCache

    cache = ResponseCache(app=None, max_bytes=10)  # type: ignore[arg-type]
    for n in range(4):
        cache.store((f"/api/{n}", b""), [{"type": "http.response.body", "body": b"abcd"}], 4)
    assert [key[0] for key in cache.entries] == ["/api/2", "/api/3"]
    assert cache.bytes == 8
