"""`beatwire hooks`: the secret is printed once and never listed; bad input is one line."""

from __future__ import annotations

import json
from pathlib import Path

from beatwire.model import Citation
from beatwire.store.engine import open_store
from tests.cli.test_errors import beatwire
from tests.hooks.receiver import free_port
from tests.store.builders import a_draft, a_record, add_analysed, add_story, an_analysis


def test_add_prints_the_secret_once_and_list_never_shows_it(tmp_path: Path) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'b.db'}"]
    added = beatwire(
        *db, "hooks", "add", "https://example.org/in", "--beat", "ai-law", "--beat",
        "ai-jobs", "--entity", "openai", "--min-score", "4", cwd=tmp_path,
    )  # fmt: skip
    assert added.returncode == 0
    secret = added.stdout.strip()
    assert secret.startswith("whsec_") and len(secret) > 40
    assert added.stderr.splitlines()[-1].startswith("Hook 1 posts to https://example.org/in for ")
    listed = beatwire(*db, "hooks", "list", cwd=tmp_path)
    assert listed.stdout.split("\t")[:3] == [
        "1", "https://example.org/in", "beat=ai-jobs,ai-law entity=openai min-score=4",
    ]  # fmt: skip
    as_json = beatwire(*db, "hooks", "list", "--json", cwd=tmp_path)
    assert secret not in listed.stdout + as_json.stdout
    assert json.loads(as_json.stdout)["hooks"][0]["entities"] == ["openai"]
    removed = beatwire(*db, "hooks", "remove", "1", cwd=tmp_path)
    assert removed.stdout.strip() == "removed=1, url=https://example.org/in"
    assert beatwire(*db, "hooks", "list", cwd=tmp_path).stdout == ""


def test_a_url_that_is_not_http_is_one_line(tmp_path: Path) -> None:
    result = beatwire("hooks", "add", "file:///etc/passwd", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "Error: not a usable hook URL 'file:///etc/passwd' "
        "(give an absolute http:// or https:// URL)"
    )


def test_an_unknown_hook_is_one_line(tmp_path: Path) -> None:
    result = beatwire("hooks", "remove", "42", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.strip() == "Error: no hook '42' (`beatwire hooks list` shows them)"


def test_log_shows_each_attempt_with_its_answer(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'b.db'}"
    port = free_port()
    beatwire("--db", url, "hooks", "add", f"http://127.0.0.1:{port}/in", cwd=tmp_path)
    store = open_store(url)
    ids = add_analysed(store, (a_record("1"), an_analysis(0)))
    add_story(store, draft=a_draft(citations=[Citation(1, ids[0])]))
    store.close()
    delivered = beatwire("--db", url, "hooks", "deliver", "--json", cwd=tmp_path)
    assert json.loads(delivered.stdout)["retrying"] == 1
    lines = beatwire("--db", url, "hooks", "log", cwd=tmp_path).stdout.splitlines()
    assert lines[0] == "1\thook 1\ts1 v1 published\tpending after 1 attempt(s)"
    assert lines[1].startswith("  #1\t") and "\tno answer\tConnectError" in lines[1]


def test_a_ping_that_is_not_answered_exits_1(tmp_path: Path) -> None:
    db = ["--db", f"sqlite:///{tmp_path / 'b.db'}"]
    beatwire(*db, "hooks", "add", f"http://127.0.0.1:{free_port()}/in", cwd=tmp_path)
    result = beatwire(*db, "hooks", "ping", "1", "--json", cwd=tmp_path)
    assert result.returncode == 1
    answer = json.loads(result.stdout)
    assert answer["ok"] is False and answer["error"].startswith("ConnectError")
