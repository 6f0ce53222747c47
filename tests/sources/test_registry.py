"""The registry of source modules."""

from __future__ import annotations

from datetime import timedelta

import pytest

from beatwire.errors import SourceError
from beatwire.sources.registry import SOURCES, get_source


def test_sources_are_keyed_by_their_name_and_follow_the_contract() -> None:
    for name, module in SOURCES.items():
        assert name == module.NAME
        assert isinstance(module.CADENCE, timedelta)
        assert callable(module.parse) and callable(module.fetch) and callable(module.enabled)


def test_cadences_of_the_polled_sources() -> None:
    assert timedelta(hours=1) == SOURCES["reddit"].CADENCE
    assert timedelta(hours=1) == SOURCES["hackernews"].CADENCE
    assert timedelta(hours=4) == SOURCES["news"].CADENCE
    assert timedelta(hours=4) == SOURCES["arxiv"].CADENCE


def test_get_source_returns_the_module() -> None:
    assert get_source("arxiv").NAME == "arxiv"


def test_unknown_source_lists_the_known_ones() -> None:
    with pytest.raises(SourceError) as caught:
        get_source("myspace")
    assert "unknown source" in str(caught.value)
    assert "hackernews" in str(caught.value) and "reddit" in str(caught.value)
