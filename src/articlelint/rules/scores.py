"""AL8xx: scores and signatures — `heat`, `quality` and `secured`."""

from __future__ import annotations

import base64
import binascii
from collections.abc import Iterator
from typing import Any

from articlelint.diagnostics import Severity
from articlelint.rules._format import show_number
from articlelint.rules.base import Problem, Record, Rule

__all__ = ["HeatBelowQuality", "MalformedSecured", "secured_problem"]

#: The initialisation vector of the `secured` value: one AES block.
IV_BYTES = 16


def _score(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class HeatBelowQuality(Rule):
    """## What it does
    Reports a record whose `heat` is 0 or more but lower than its `quality`. (`heat: -1`
    marks a withdrawn story and is not compared.)

    ## Why is this bad?
    `heat` is the trending score: it starts at the story's `quality` and only grows as
    readers engage. In real folders it is never below `quality`, so a lower value means
    the two fields were swapped or one was computed by an outdated step, and the story
    ranks lower than it should.

    ## Example
    ```yaml
    quality: 70
    heat: 12
    ```

    ## Use instead
    ```yaml
    quality: 70
    heat: 70
    ```
    """

    code = "AL801"
    name = "heat-below-quality"
    severity = Severity.INFO

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        heat, quality = _score(record.data.get("heat")), _score(record.data.get("quality"))
        if heat is None or quality is None:
            return
        if 0 <= heat < quality:
            yield Problem(
                f"`heat` ({show_number(heat)}) is below `quality` ({show_number(quality)}); "
                "heat starts at the quality and only grows: check both scores",
                field=("heat",),
            )


def secured_problem(value: str) -> str | None:
    """Why ``value`` is not ``base64(ciphertext);base64(16-byte IV)``, or ``None``."""
    parts = value.split(";")
    if len(parts) != 2:
        return (
            f"has {len(parts) - 1} `;` separators; it must be two base64 texts separated by one `;`"
        )
    decoded: list[bytes] = []
    for part, label in zip(parts, ("ciphertext", "initialisation vector"), strict=True):
        if not part:
            return f"has an empty {label}"
        try:
            decoded.append(base64.b64decode(part, validate=True))
        except (binascii.Error, ValueError):
            return (
                f"has a {label} that is not valid base64 (only `A-Z a-z 0-9 + /`, with `=` "
                "padding to a multiple of 4 characters)"
            )
    if len(decoded[1]) != IV_BYTES:
        return f"has a {len(decoded[1])}-byte initialisation vector; it must be {IV_BYTES} bytes"
    return None


class MalformedSecured(Rule):
    """## What it does
    Reports a `secured` value that is not two base64 texts joined by `;`, the encrypted
    payload then a 16-byte initialisation vector: `base64(ciphertext);base64(IV)`. Base64
    is decoded strictly: no line breaks, blanks or URL-safe `-`/`_` characters, and
    correct `=` padding.

    ## Why is this bad?
    The consumer decrypts this value to verify the record; a truncated, re-wrapped or
    re-encoded value fails to decrypt and the record is rejected or shown unverified.

    ## Example
    ```yaml
    secured: "Oz2d3gbNTf37KUbOhPt4DA"
    ```

    ## Use instead
    ```yaml
    secured: "gCmI1Tak/Ubyjw1FM1p6E6nygLWZP7HJ6gjaWj1JoJU=;Grs51Eq4oDDzx2fQfLUIHA=="
    ```
    """

    code = "AL802"
    name = "malformed-secured"
    severity = Severity.ERROR

    def check(self, record: Record, options: Any) -> Iterator[Problem]:
        value = record.data.get("secured")
        if not isinstance(value, str) or not value.strip():
            return  # other types: wrong-type (AL103); blank: empty-value (AL104)
        problem = secured_problem(value)
        if problem is not None:
            yield Problem(
                f"`secured` {problem}; copy the value again from its source",
                field=("secured",),
            )
