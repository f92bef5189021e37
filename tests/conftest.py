"""Shared fixtures: build records from the seed, lint text, find the shared corpus."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from articlelint import lint_text
from articlelint.config import Config
from articlelint.diagnostics import Diagnostic

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_8ac51e9a64c34fd8.txt"
#: The team's shared corpus sits beside the checkout (../shared/corpus); never committed.
CORPUS = ROOT.parent / "shared" / "corpus"

# Hypothesis profiles: `ci` (default) keeps the property suite to seconds; `dev` and
# `fuzz` search longer (HYPOTHESIS_PROFILE=fuzz python -m pytest tests/test_hostile_properties.py).
settings.register_profile(
    "ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=300, deadline=None)
settings.register_profile("fuzz", max_examples=20_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

#: A small valid article, used as a base by the rule tests (line numbers matter: keep it).
VALID = """\
---
category: news
title: "Microsoft restricts facial recognition tech"
excerpt: "Microsoft is retiring some face analysis features."
publishedDateTime: 2022-06-22T08:27:00Z
originalUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"
webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"
type: article
quality: 70
heat: 70
published: true

provider:
  name: SiliconRepublic
  domain: siliconrepublic.com

topics:
  - Microsoft AI

images:
  - url: "https://www.siliconrepublic.com/wp-content/uploads/2022/06/face.jpeg"
    width: 800
    height: 600
    isCached: true

related:
  - title: "Microsoft to curtail some of its facial recognition capabilities"
    excerpt: "Microsoft is limiting some of its own facial-recognition technologies."
    publishedDateTime: 2022-06-21T16:58:00Z
    webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"
    type: article
    provider:
      name: ZDNet
      domain: zdnet.com
    quality: 68
---
"""

Lint = Callable[..., list[tuple[str, int, int, str | None]]]


def findings(diagnostics: list[Diagnostic], *codes: str) -> list[tuple[str, int, int, str | None]]:
    """(code, line, column, field) of the diagnostics, optionally only those codes."""
    return [
        (d.code, d.line, d.column, d.field) for d in diagnostics if not codes or d.code in codes
    ]


@pytest.fixture(autouse=True, scope="session")
def _user_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The per-user cache (the parsed public suffix list) goes to a temporary folder, for
    this process and the CLI runs it starts, never to the real ``~/.cache``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
        yield


@pytest.fixture(autouse=True)
def _plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests expect the default text format: not the automatic `github` one on CI."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture
def lint() -> Lint:
    """``lint(text, *codes, path=..., config=...)`` -> [(code, line, column, field)]."""

    def run(
        text: str, *codes: str, path: str = "record.md", config: Config | None = None
    ) -> list[tuple[str, int, int, str | None]]:
        return findings(lint_text(text, path, config).diagnostics, *codes)

    return run


def replace_line(text: str, old: str, new: str) -> str:
    """``text`` with the one line equal to ``old`` replaced by ``new`` (asserts it exists)."""
    lines = text.split("\n")
    assert lines.count(old) == 1, f"expected exactly one line {old!r}"
    lines[lines.index(old)] = new
    return "\n".join(lines)


_CORPUS_COUNTS: list[int] = []


@pytest.fixture
def record_corpus_count() -> Callable[[int], None]:
    """Tell the terminal summary how many corpus files a test checked."""
    return _CORPUS_COUNTS.append


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if _CORPUS_COUNTS:
        terminalreporter.write_line(
            f"articlelint: shared corpus checked, {max(_CORPUS_COUNTS)} files"
        )
    elif not CORPUS.is_dir():
        terminalreporter.write_line(f"articlelint: shared corpus not found at {CORPUS}")


def own_web_url(text: str, tag: str) -> str:
    """``text`` with its top-level ``webUrl`` made unique by appending ``-tag`` to the path,
    so copies of one record in several files of a run are not duplicates (AL509). Lines
    and columns of everything before the end of that line stay the same."""
    lines = text.split("\n")
    [index] = [i for i, line in enumerate(lines) if line.startswith('webUrl: "')]
    lines[index] = lines[index][:-1] + f'-{tag}"'
    return "\n".join(lines)


def crlf(text: str) -> str:
    """``text`` with Windows line endings (positions must not change)."""
    return text.replace("\n", "\r\n")


def read_cache(index: Path) -> Any:
    """The JSON document of a result-cache file (asserting its MAC is valid)."""
    import hmac
    import json

    from articlelint.engine import cache

    data = index.read_bytes()
    assert data.startswith(cache._MAGIC)
    mac, _newline, body = data[len(cache._MAGIC) :].partition(b"\n")
    secret = cache._secret_key()
    assert secret is not None
    assert hmac.compare_digest(mac, cache._mac(secret, body))
    return json.loads(body)


def write_cache(
    index: Path, payload: Any, *, raw: bool = False, secret: bytes | None = None
) -> None:
    """Write ``payload`` (a JSON document, or bytes when ``raw``) as a cache file with a
    valid MAC: what this user's articlelint would accept as its own writing."""
    import json

    from articlelint.engine import cache

    body = payload if raw else json.dumps(payload).encode("utf-8")
    key = secret if secret is not None else cache._secret_key()
    assert key is not None
    index.write_bytes(cache._MAGIC + cache._mac(key, body) + b"\n" + body)


def _fast_yaml_paths() -> dict[str, Callable[..., Any]]:
    from articlelint.loading import yamltree

    paths: dict[str, Callable[..., Any]] = {"events": yamltree._parse_events}
    if yamltree._yamlc is not None:
        paths["compiled"] = yamltree._parse_compiled
    return paths


#: The YAML fast paths this machine has: pure Python (libyaml's events) always, the
#: compiled one (``_yamlc``) when it is built.
FAST_YAML_PATHS = _fast_yaml_paths()


@pytest.fixture(params=sorted(FAST_YAML_PATHS))
def fast_path(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test once with each YAML fast path (the reference loader stays the same)."""
    from articlelint.loading import yamltree

    monkeypatch.setattr(yamltree, "_parse_fast", FAST_YAML_PATHS[request.param])
    return str(request.param)
