"""arXiv adapter: 2026 and 2016 Atom layouts, errors, paging, polite fetching."""

from __future__ import annotations

import asyncio
import json
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from pathlib import Path

import httpx2
import pytest

from beatwire.config import HttpSettings, Settings, SourceSettings
from beatwire.errors import FetchError, ParseError
from beatwire.http_client import make_client
from beatwire.sources import arxiv
from beatwire.sources.base import Page

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared/corpora/api-fixtures/arxiv"
COLLECTED = datetime(2026, 1, 1, tzinfo=UTC)
ERROR = "idlist_abc_error_2026-04-12.xml"
ATOM = "{http://www.w3.org/2005/Atom}"


def load(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def parse(name: str) -> list:
    return arxiv.parse(load(name), collected_at=COLLECTED)


@pytest.mark.parametrize(
    "path", sorted(p for p in FIXTURES.glob("*.xml") if p.name != ERROR), ids=lambda p: p.name
)
def test_every_fixture_parses(path: Path) -> None:
    entries = ET.fromstring(path.read_bytes()).findall(f"{ATOM}entry")
    assert len(arxiv.parse(path.read_bytes(), collected_at=COLLECTED)) == len(entries)


def test_error_body_raises_parse_error_with_the_api_message() -> None:
    with pytest.raises(ParseError) as caught:
        parse(ERROR)
    summary = ET.fromstring(load(ERROR)).find(f"{ATOM}entry/{ATOM}summary").text
    assert summary in caught.value.reason


def test_empty_result_has_no_records_and_zero_total() -> None:
    name = "idlist_0000.0000_empty_2026-04-12.xml"
    assert parse(name) == []
    assert arxiv.paging(load(name)).total == 0


def test_current_layout_maps_fields() -> None:
    (paper,) = parse("idlist_0808.05394_1707.08567_2026-04-12.xml")
    assert paper.native_id == "1707.08567" and paper.kind == "paper"
    assert paper.extra["version"] == 1
    assert paper.published_at == datetime(2017, 7, 27, 8, 18, 33, tzinfo=UTC)
    assert paper.url == "https://arxiv.org/abs/1707.08567v1"
    assert paper.canonical_url == "https://arxiv.org/abs/1707.08567"
    assert len(paper.extra["authors"]) == 34 and paper.author == paper.extra["authors"][0]
    assert paper.extra["categories"] == ["cs.IT"] and paper.extra["primary_category"] == "cs.IT"
    assert paper.extra["pdf"] == "https://arxiv.org/pdf/1707.08567v1"
    assert "\n" not in paper.title


def test_old_style_ids_keep_their_archive() -> None:
    (paper,) = parse("idlist_astro-ph_0601001_oldstyle_id_2026-04-12.xml")
    assert paper.native_id == "astro-ph/0601001"
    assert "journal_ref" in paper.extra


def test_legacy_2016_layout_maps_fields() -> None:
    papers = parse("query_au-del_maestro_legacy_format.xml")
    assert len(papers) == 10
    first = papers[0]
    assert first.native_id == "1201.4869"
    assert first.published_at == datetime(2012, 1, 23, 21, 15, 2, tzinfo=UTC)
    assert first.extra["doi"] == "10.1142/S021797921244002X"
    assert "\n" not in first.text  # hard wraps joined
    assert arxiv.paging(load("query_au-del_maestro_legacy_format.xml")) == arxiv.Paging(31, 0, 10)


def test_text_encoded_twice_is_repaired() -> None:
    # A few abstracts of this payload hold UTF-8 read as Latin-1 and encoded again ("Î±").
    raw = load("query_all-testing_start0_max100_2026-04-12.xml").decode("utf-8")
    assert "Î" in raw
    for paper in parse("query_all-testing_start0_max100_2026-04-12.xml"):
        assert "Î" not in paper.text and "Î" not in (paper.title or "")


def test_paging_counters_of_a_big_query() -> None:
    paging = arxiv.paging(load("query_all-testing_start0_max100_2026-04-12.xml"))
    assert paging.start == 0 and paging.per_page == 100 and paging.total > 100


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (b"", "empty body"),
        (b"<html><body>oops", "not well-formed"),
        (b"<rss version='2.0'></rss>", "not an Atom feed"),
        (load("query_all-testing_start0_max10_2026-04-12.xml")[:3000], "not well-formed"),
    ],
)
def test_malformed_payloads_raise_parse_error(payload: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason):
        arxiv.parse(payload, collected_at=COLLECTED)


class Recorder:
    def __init__(self) -> None:
        self.delays: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.delays.append(seconds)


def conf(**options: object) -> Settings:
    return Settings(
        http=HttpSettings(per_host_rps=0, retries=2),
        sources=SourceSettings(options={"arxiv": {"categories": ["cs.AI", "cs.CL"], **options}}),
    )


def collect(handler, settings: Settings, cursor: str | None, sleep: Recorder) -> list[Page]:
    async def go() -> list[Page]:
        async with make_client(settings, transport=httpx2.MockTransport(handler)) as client:
            return [p async for p in arxiv.fetch(client, cursor, settings, sleep=sleep)]

    return asyncio.run(go())


def test_fetch_pages_each_category_with_a_polite_delay() -> None:
    seen: list[httpx2.Request] = []
    body = load("query_all-testing_start0_max10_2026-04-12.xml")
    newest = max(r.published_at for r in arxiv.parse(body, collected_at=COLLECTED))

    def handler(request: httpx2.Request) -> httpx2.Response:
        seen.append(request)
        return httpx2.Response(200, content=body)

    sleep = Recorder()
    pages = collect(handler, conf(page_size=10, max_pages=2), None, sleep)
    assert [r.url.params["search_query"] for r in seen] == ["cat:cs.AI"] * 2 + ["cat:cs.CL"] * 2
    assert [r.url.params["start"] for r in seen] == ["0", "10", "0", "10"]
    assert seen[0].url.params["sortBy"] == "submittedDate"
    assert sleep.delays == [3.0, 3.0, 3.0]
    cursors = [json.loads(p.cursor) for p in pages]
    assert cursors[0] == {} and cursors[1] == {"cs.AI": newest.isoformat()}
    assert cursors[3] == {"cs.AI": newest.isoformat(), "cs.CL": newest.isoformat()}


def test_fetch_stops_at_the_mark() -> None:
    body = load("query_all-testing_start0_max10_2026-04-12.xml")
    cursor = json.dumps({"cs.AI": "2100-01-01T00:00:00+00:00"})
    pages = collect(
        lambda r: httpx2.Response(200, content=body),
        conf(page_size=10, categories=["cs.AI"]),
        cursor,
        Recorder(),
    )
    assert len(pages) == 1 and json.loads(pages[0].cursor) == json.loads(cursor)


def test_fetch_honours_429_then_continues() -> None:
    answers = [
        httpx2.Response(429, headers={"Retry-After": "5"}),
        httpx2.Response(200, content=load("idlist_0000.0000_empty_2026-04-12.xml")),
    ]
    sleep = Recorder()
    pages = collect(lambda r: answers.pop(0), conf(categories=["cs.AI"]), None, sleep)
    assert sleep.delays == [5.0] and len(pages) == 1


def test_fetch_turns_a_400_into_a_fetch_error_with_the_message() -> None:
    with pytest.raises(FetchError) as caught:
        collect(lambda r: httpx2.Response(400, content=load(ERROR)), conf(), None, Recorder())
    assert caught.value.status == 400
    assert "incorrect id format" in caught.value.reason
