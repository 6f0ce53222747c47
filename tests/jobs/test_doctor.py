"""`beatwire doctor`: one clear verdict per check, offline through a mock transport."""

from __future__ import annotations

from pathlib import Path

import httpx2

from beatwire.config import load_settings
from beatwire.jobs.doctor import doctor
from beatwire.store.engine import open_store


def _answer(status: int) -> httpx2.MockTransport:
    return httpx2.MockTransport(lambda request: httpx2.Response(status, text="hello"))


def _unreachable(request: httpx2.Request) -> httpx2.Response:
    raise httpx2.ConnectError("connection refused", request=request)


def _checks(report: dict) -> dict[str, dict]:
    return {check["name"]: check for check in report["checks"]}


def test_a_ready_installation_is_ok(sqlite_url: str) -> None:
    open_store(sqlite_url).close()
    settings = load_settings(None, db=sqlite_url)
    settings.sources.enabled = ["hackernews", "arxiv"]
    report = doctor(settings, transport=_answer(200), free_bytes=lambda _: 50 * 10**9)
    checks = _checks(report)
    assert report["verdict"] == "ok"
    assert checks["database"]["detail"].endswith("0 records")
    assert checks["reachable: arxiv"]["detail"].endswith("answered HTTP 200")


def test_a_host_that_answers_with_an_error_is_still_reachable(sqlite_url: str) -> None:
    settings = load_settings(None, db=sqlite_url)
    settings.sources.enabled = ["hackernews"]
    report = doctor(settings, transport=_answer(403), free_bytes=lambda _: 50 * 10**9)
    assert _checks(report)["reachable: hackernews"]["verdict"] == "ok"


def test_an_unreachable_source_is_a_warning_offline_running_is_supported(sqlite_url: str) -> None:
    settings = load_settings(None, db=sqlite_url)
    settings.sources.enabled = ["arxiv"]
    report = doctor(
        settings, transport=httpx2.MockTransport(_unreachable), free_bytes=lambda _: 50 * 10**9
    )
    assert report["verdict"] == "warn"
    check = _checks(report)["reachable: arxiv"]
    assert check["verdict"] == "warn" and check["detail"].startswith("offline or unreachable (")


def test_missing_credentials_and_a_new_database_warn(tmp_path: Path) -> None:
    settings = load_settings(None, db=f"sqlite:///{tmp_path / 'new.db'}")
    settings.sources.enabled = ["reddit"]
    report = doctor(settings, transport=_answer(200), free_bytes=lambda _: 50 * 10**9)
    checks = _checks(report)
    assert checks["credentials: reddit"]["verdict"] == "warn"
    assert "reachable: reddit" not in checks  # a source that cannot run is not probed
    assert checks["database"]["verdict"] == "warn"


def test_a_full_disk_and_an_unknown_source_fail(sqlite_url: str) -> None:
    settings = load_settings(None, db=sqlite_url)
    settings.sources.enabled = ["myspace"]
    report = doctor(settings, transport=_answer(200), free_bytes=lambda _: 10**8)
    checks = _checks(report)
    assert checks["disk"]["verdict"] == "fail"
    assert checks["config: myspace"]["verdict"] == "fail"
    assert report["verdict"] == "fail"
