"""One clock: every page says what the data runs to, a story carries its dateline and when it
was written, and no story looks ahead into days the data already covers."""

from __future__ import annotations

import ast
from datetime import datetime
from pathlib import Path
from typing import Any

import httpx2
import pytest

from beatwire.store.engine import Store
from beatwire.store.records import newest_record_time
from beatwire.web.context.hindsight import LOOKING_AHEAD, without_lookahead
from beatwire.web.filters import when

WRITERS = Path(__file__).resolve().parents[2] / "src" / "beatwire" / "newsroom" / "writers"
PAGES = ["/", "/beats/", "/beats/ai-agents/", "/wire/", "/narratives/", "/methodology/"]


@pytest.fixture(scope="module")
def through(site_store: tuple[Store, dict[str, Any]]) -> datetime:
    with site_store[0].read() as conn:
        newest = newest_record_time(conn)
    assert newest is not None
    return newest


@pytest.mark.parametrize("path", PAGES)
def test_every_page_states_the_data_runs_to_the_newest_record(
    client: httpx2.Client, through: datetime, path: str
) -> None:
    assert f'Data through <time datetime="{through.isoformat()}">{when(through)}</time>' in (
        client.get(path).text
    )


def test_a_story_page_states_its_dateline_and_when_it_was_written(
    client: httpx2.Client, seeded: dict[str, Any]
) -> None:
    data = client.get(f"/stories/{seeded['slugs'][1]}/index.json").json()
    dateline = datetime.fromisoformat(data["dateline"])
    text = client.get(f"/stories/{seeded['slugs'][1]}/").text
    assert f'Events of <time datetime="{dateline.isoformat()}">' in text
    assert "Written <time" in text
    revised = client.get(f"/stories/{seeded['slugs'][0]}/").text  # version 2
    assert "Revised <time" in revised


def test_story_cards_carry_the_dateline_not_only_the_writing_time(client: httpx2.Client) -> None:
    home = client.get("/").text
    assert home.count('class="dateline"') >= 10


def test_a_look_ahead_the_data_already_answers_is_dropped(
    client: httpx2.Client, seeded: dict[str, Any]
) -> None:
    seen = {"answered": 0, "open": 0}
    for slug in seeded["slugs"][:-1]:  # the hostile story has no signal, so no dateline
        data = client.get(f"/stories/{slug}/index.json").json()
        dateline = datetime.fromisoformat(data["dateline"])
        through = datetime.fromisoformat(data["through"])
        html = client.get(f"/stories/{slug}/").text
        if (through - dateline).days >= 3:
            seen["answered"] += 1
            assert "next few days" not in data["story"]["body"]
            assert not any("next few days" in t for t in data["story"]["takeaways"])
            assert "next few days" not in html.split('id="fidelity"')[0]
            assert f"{data['days_after']} days later" in html
        else:
            seen["open"] += 1
            assert "next few days" in data["story"]["body"]
            assert 'class="note hindsight"' not in html
    assert seen["answered"] > 0


def test_the_look_ahead_goes_with_its_marker_and_the_rest_stays() -> None:
    body = "It jumped [1]. The next few days will show more. [2]\n\nIt is the thing to watch."
    assert without_lookahead(body) == "It jumped [1]."
    assert without_lookahead("Nothing ahead here [1].") == "Nothing ahead here [1]."


@pytest.mark.parametrize(
    "line",
    [
        "Whether the surge outlasts the week, or fades as fast as it came, is the thing to watch.",
        "The next days will show whether the change holds.",
        "A change of tone often comes before a change of behaviour; watch what people do next.",
        "Whether the thread reaches mainstream news, or stays among early posters, is next.",
        "Watch for whether the story keeps spreading or splits into smaller arguments.",
        "Whether the attention on Claude lasts beyond the news cycle is the open question [1].",
        "Whether Vireo-4 is still discussed next week will say if it matters.",
    ],
)
def test_each_kind_of_look_ahead_is_recognised(line: str) -> None:
    assert without_lookahead(f"It rose [1]. {line}") == "It rose [1]."


def test_a_sentence_about_the_past_stays() -> None:
    body = "Users watched the launch and said it would change nothing [2]."
    assert without_lookahead(body) == body


def _writer_watch_lines() -> list[str]:
    # The "what to watch" lines the writers offer (`watch=[...]` in writers/kinds.py and the
    # lists inside a function about watching, background.watch_sentence), read from their
    # source so that a new line is checked here the day it is written.
    found = []
    for path in sorted(WRITERS.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "watch":
                found += [ast.unparse(item) for item in getattr(node.value, "elts", [])]
            if isinstance(node, ast.FunctionDef) and "watch" in node.name:
                lists = [n for n in ast.walk(node) if isinstance(n, ast.List)]
                found += [ast.unparse(item) for lst in lists for item in lst.elts]
    return found


def test_every_writer_look_ahead_is_dropped_once_answered() -> None:
    lines = _writer_watch_lines()
    assert len(lines) >= 10
    texts = [line.removeprefix("f").strip("'\"") for line in lines]  # the source's quotes off
    assert [text for text in texts if not LOOKING_AHEAD.search(text)] == []
