"""Identifier patterns: arXiv ids, Hugging Face and GitHub repositories, hashtags, cashtags."""

from __future__ import annotations

from beatwire.analysis.entities.patterns import find_arxiv, find_repos, find_tags


def arxiv(text: str) -> list[str]:
    return [m.slug for m in find_arxiv(text)]


def repos(text: str) -> list[str]:
    return [m.slug for m in find_repos(text)]


def tags(text: str) -> list[str]:
    return [m.slug for m in find_tags(text)]


def test_new_style_arxiv_ids_drop_the_version() -> None:
    assert arxiv("see arXiv:2401.01234v2 and 2312.11805") == [
        "arxiv:2401.01234",
        "arxiv:2312.11805",
    ]


def test_arxiv_urls() -> None:
    assert arxiv("https://arxiv.org/abs/2502.09876v1") == ["arxiv:2502.09876"]


def test_old_style_arxiv_ids() -> None:
    assert arxiv("cs/0601001 and hep-th/9901001v3") == ["arxiv:cs/0601001", "arxiv:hep-th/9901001"]


def test_numbers_that_are_not_arxiv_ids() -> None:
    assert arxiv("price 2413.12345, version 1.2345, ip 10.2401.01234.5") == []


def test_arxiv_mentions_are_typed_concept() -> None:
    assert find_arxiv("2401.01234")[0].type == "concept"


def test_hugging_face_urls_and_kinds() -> None:
    text = "huggingface.co/Qwen/Qwen3-8B and huggingface.co/datasets/allenai/c4"
    assert repos(text) == ["hf:qwen/qwen3-8b", "hf-dataset:allenai/c4"]


def test_bare_model_ids_need_a_model_shaped_name() -> None:
    text = "try mistralai/Mistral-7B-Instruct-v0.3 24/7, and/or TCP/IP with input/output"
    assert repos(text) == ["hf:mistralai/mistral-7b-instruct-v0.3"]


def test_paths_inside_other_urls_are_not_model_ids() -> None:
    assert repos("https://example.com/team/model-7b") == []


def test_github_repos() -> None:
    assert repos("code at https://github.com/ggml-org/llama.cpp.git today") == [
        "gh:ggml-org/llama.cpp"
    ]


def test_repositories_are_products() -> None:
    assert {m.type for m in find_repos("github.com/a/b huggingface.co/c/d")} == {"product"}


def test_hashtags_and_cashtags() -> None:
    assert tags("#Agents rally, $NVDA up, $msft flat") == [
        "tag:agents",
        "cashtag:nvda",
        "cashtag:msft",
    ]


def test_prices_and_anchors_are_not_tags() -> None:
    assert tags("costs $20 or $4.99, see page#section and issue #123") == []


def test_cashtags_are_organisations_with_upper_case_names() -> None:
    mention = find_tags("$nvda")[0]
    assert (mention.type, mention.name) == ("organization", "$NVDA")
