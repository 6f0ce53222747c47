"""Artifacts: papers, models and repositories found in the links of a post."""

from __future__ import annotations

from beatwire.signals.artifacts import artifact_keys
from beatwire.signals.ecosystem import shares
from beatwire.signals.entities import one_in


def test_links_become_artifact_keys() -> None:
    text = (
        "see https://arxiv.org/abs/2601.01234v2 and https://huggingface.co/acme/tiny-7b "
        "code at https://github.com/acme/tiny.git (or github.com/acme/tiny)"
    )
    assert artifact_keys(text) == {
        "arxiv:2601.01234", "huggingface:acme/tiny-7b", "github:acme/tiny",
    }  # fmt: skip


def test_datasets_and_spaces_are_not_models() -> None:
    assert artifact_keys("https://huggingface.co/datasets/acme/data") == set()


def test_shares_of_downloads_by_country_follow_the_maker_table() -> None:
    models = [("Qwen/a", "Qwen", 600, 1), ("meta-llama/b", "meta-llama", 300, 1),
              ("nobody/c", "nobody", 100, 0)]  # fmt: skip
    by = shares(models)
    assert by["country"] == {"CN": 0.6, "US": 0.3, "unknown": 0.1}
    assert by["maker"]["nobody"] == 0.1


def test_shares_read_as_people_say_them() -> None:
    assert one_in(0.34) == "one post of three"
    assert one_in(0.5) == "one post of two"
    assert one_in(0.42) == "42% of posts"
