"""Names and words out of text: whole names only, any case, in URLs and mentions."""

from __future__ import annotations

from datetime import UTC, datetime

from beatwire.model import Record
from beatwire.store.redact import Names, NameSwap, author_names, scrub_payload, scrubber_for

AT = datetime(2026, 10, 12, tzinfo=UTC)
SWAP = NameSwap(
    {
        "anon-1": author_names("tovah.bsky.social", "Tovah Reyes", "did:plc:abc123"),
        "anon-2": author_names("rue@social.example"),
        "anon-3": Names(frozenset({"lanternfish"})),
    }
)


def test_a_handle_in_any_case_keeps_its_at() -> None:
    assert SWAP("Tovah.bsky.social said hi to @TOVAH.bsky.social.") == (
        "anon-1 said hi to @anon-1."
    )


def test_profile_urls_by_handle_and_by_did() -> None:
    assert SWAP("https://bsky.app/profile/tovah.bsky.social/post/3k") == (
        "https://bsky.app/profile/anon-1/post/3k"
    )
    assert SWAP("https://bsky.app/profile/did:plc:abc123/post/3k") == (
        "https://bsky.app/profile/anon-1/post/3k"
    )


def test_a_mastodon_account_and_its_local_part_after_an_at() -> None:
    assert SWAP("@rue@social.example wrote at https://social.example/@rue/1") == (
        "@anon-2 wrote at https://social.example/@anon-2/1"
    )
    assert SWAP("a rue in Paris") == "a rue in Paris"  # without its @ it is a word


def test_only_whole_names() -> None:
    assert (
        SWAP("lanternfishes and lanternfish-like fish") == "lanternfishes and lanternfish-like fish"
    )
    assert SWAP("mail lanternfish@example.com, not u/lanternfish") == (
        "mail lanternfish@example.com, not u/anon-3"
    )


def test_a_display_name_with_spaces() -> None:
    assert SWAP("Quoted by TOVAH REYES today") == "Quoted by anon-1 today"


def _post(text: str) -> Record:
    return Record(
        provider="reddit", native_id="t1_x", kind="comment", text=text, published_at=AT,
        collected_at=AT, author="lanternfish",
    )  # fmt: skip


def test_a_quote_cut_short_in_a_report_goes_too() -> None:
    scrubber = scrubber_for(
        [_post("Kestrel Bay posted its first job ads and most ask for ten years.")]
    )
    report = "“Kestrel Bay posted its first job a”: verbatim in a cited record"
    assert scrubber.text(report) == "“[removed]”: verbatim in a cited record"


def test_an_rss_page_is_scrubbed_as_text() -> None:
    scrubber = scrubber_for([_post("A post that will be forgotten soon.")], authors=["lanternfish"])
    page = b"<item><author>lanternfish</author><title>A post that will be forgotten soon.</title>"
    assert scrub_payload(page, scrubber) == (
        b"<item><author>[forgotten]</author><title>[removed]</title>"
    )
