"""The signature of a webhook body: what verifies, what a tampered or replayed request fails."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from beatwire.hooks.signature import SIGNATURE_HEADER, signed_headers, verify_signature

SECRET = "whsec_test-secret"
BODY = b'{"event":"published","story":{"id":"st1","version":1}}'
SENT = 1_767_225_600  # 1 Jan 2026
README = Path(__file__).resolve().parents[2] / "README.md"


def test_a_signed_body_verifies_with_its_secret() -> None:
    headers = signed_headers(SECRET, BODY, SENT)
    assert verify_signature(SECRET, BODY, headers, now=SENT + 3)


def test_a_tampered_body_fails() -> None:
    headers = signed_headers(SECRET, BODY, SENT)
    assert not verify_signature(SECRET, BODY.replace(b"st1", b"st2"), headers, now=SENT)


def test_a_tampered_signature_fails() -> None:
    headers = signed_headers(SECRET, BODY, SENT)
    digest = headers[SIGNATURE_HEADER]
    headers[SIGNATURE_HEADER] = digest[:-1] + ("0" if digest[-1] != "0" else "1")
    assert not verify_signature(SECRET, BODY, headers, now=SENT)


def test_another_secret_fails() -> None:
    headers = signed_headers(SECRET, BODY, SENT)
    assert not verify_signature("whsec_other", BODY, headers, now=SENT)


def test_a_changed_timestamp_fails_because_it_is_signed() -> None:
    headers = signed_headers(SECRET, BODY, SENT)
    headers["X-Beatwire-Timestamp"] = str(SENT + 60)
    assert not verify_signature(SECRET, BODY, headers, now=SENT + 60)


def test_a_replay_after_the_tolerance_fails() -> None:
    headers = signed_headers(SECRET, BODY, SENT)
    assert verify_signature(SECRET, BODY, headers, now=SENT + 300)
    assert not verify_signature(SECRET, BODY, headers, now=SENT + 301)
    assert not verify_signature(SECRET, BODY, headers, now=SENT - 301)


def test_missing_or_malformed_headers_fail() -> None:
    headers = signed_headers(SECRET, BODY, SENT)
    assert not verify_signature(SECRET, BODY, {}, now=SENT)
    assert not verify_signature(SECRET, BODY, {**headers, "X-Beatwire-Timestamp": "soon"}, now=SENT)
    del headers[SIGNATURE_HEADER]
    assert not verify_signature(SECRET, BODY, headers, now=SENT)


def test_header_names_match_whatever_their_case() -> None:
    headers = {k.lower(): v for k, v in signed_headers(SECRET, BODY, SENT).items()}
    assert verify_signature(SECRET, BODY, headers, now=SENT)


def test_the_readme_recipe_agrees_with_the_shipped_function() -> None:
    text = README.read_text(encoding="utf-8")
    recipe = re.search(r"```python\n(import hashlib, hmac, time\n.*?)```", text, re.S)
    assert recipe is not None
    namespace: dict[str, Any] = {}
    exec(recipe.group(1), namespace)  # the README's own code, as a receiver would paste it
    readme_verify = namespace["verify_signature"]
    import time

    fresh = signed_headers(SECRET, BODY, int(time.time()))
    assert readme_verify(SECRET, BODY, fresh)
    assert not readme_verify(SECRET, BODY + b" ", fresh)
    assert not readme_verify(SECRET, BODY, signed_headers(SECRET, BODY, SENT))  # long ago
