"""Choosing an implementation of a role by the short name the settings give."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from beatwire.errors import AnalysisError

T = TypeVar("T")


def choose(role: str, name: str, implementations: Mapping[str, Callable[[], T]]) -> T:
    """Return a new implementation of `role` called `name`; AnalysisError names the choices."""
    try:
        make = implementations[name]
    except KeyError:
        known = ", ".join(sorted(implementations))
        raise AnalysisError(f"unknown {role} {name!r}", hint=f"one of: {known}") from None
    return make()
