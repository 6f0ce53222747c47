"""The affect branch file: clear errors when it is unreadable, one read while it is unchanged."""

from __future__ import annotations

import os
import shutil

import numpy as np
import pytest

from beatwire.analysis.heads import model_files
from beatwire.analysis.heads.affect_branch import load_branch
from beatwire.errors import AnalysisError


@pytest.mark.parametrize(
    "content", [b"", b"not a safetensors file", b"\x08\x00\x00\x00\x00\x00\x00\x00{}      "]
)
def test_an_unreadable_branch_file_is_a_clear_error(tmp_path, monkeypatch, content) -> None:
    monkeypatch.setattr(model_files, "MODELS_DIR", tmp_path)
    (tmp_path / "broken.safetensors").write_bytes(content)
    with pytest.raises(AnalysisError, match="not a readable affect branch"):
        load_branch("broken.safetensors")
    with pytest.raises(AnalysisError, match="is missing"):
        load_branch("absent.safetensors")


def test_the_branch_file_is_read_once_until_it_changes(tmp_path, monkeypatch) -> None:
    shipped = model_files.model_path("minilm_affect_branch.safetensors")
    monkeypatch.setattr(model_files, "MODELS_DIR", tmp_path)
    copy = tmp_path / "branch.safetensors"
    shutil.copyfile(shipped, copy)
    first = load_branch("branch.safetensors")
    assert load_branch("branch.safetensors") is first  # the sentiment head and emotion share it
    assert not first.weight.flags.writeable  # shared, so no one may change it
    os.utime(copy, ns=(0, copy.stat().st_mtime_ns + 1_000_000_000))  # rewritten: read again
    again = load_branch("branch.safetensors")
    assert again is not first
    assert np.array_equal(again.weight, first.weight)
