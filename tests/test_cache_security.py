"""The result cache lives in the checked tree, which a pull request can write to: whatever
is planted there under the exact name articlelint reads runs nothing and is at worst a miss
(issue 18)."""

from __future__ import annotations

import json
import os
import pickle
import stat
import warnings
from pathlib import Path
from typing import Any

import pytest

from articlelint import engine
from articlelint.config import Config
from articlelint.engine import cache, runner
from articlelint.engine.cache import ResultCache
from articlelint.errors import ArticlelintWarning

from .conftest import VALID, read_cache, write_cache

_NOW = {"future-date": {"now": "2026-01-01T00:00:00Z"}}


class _Payload:
    """Unpickling this writes ``marker``: the attack the old pickle cache allowed."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> Any:
        return (Path.write_text, (self.marker, "pwned"))


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.md").write_text(VALID.replace("published: true", "published: no"))
    (folder / "b.md").write_text(VALID.replace("/enterprise/facial-recognition", "/b"))
    old = 1_600_000_000
    for path in folder.iterdir():
        os.utime(path, (old, old))  # old enough for the stat shortcut
    return folder


def _config(cache_dir: Path) -> Config:
    return Config(cache_dir=str(cache_dir), options=_NOW, jobs=1)


def _findings(folder: Path, config: Config) -> list[tuple[object, ...]]:
    result = engine.lint_paths([folder], config)
    return [(d.path, d.line, d.column, d.code, d.message, d.field) for d in result.diagnostics]


def _exact_name(cache_dir: Path) -> Path:
    """The file a run with ``_config(cache_dir)`` reads."""
    return Path(ResultCache(cache_dir, engine.RuleSet(_config(cache_dir))).file)


@pytest.fixture
def planted(tmp_path: Path) -> tuple[Path, Path, list[tuple[object, ...]]]:
    """A folder, its cache folder (warm, with the expected findings) and the cache file."""
    folder = _folder(tmp_path)
    cache_dir = tmp_path / ".articlelint_cache"
    expected = _findings(folder, Config(options=_NOW, jobs=1))
    assert [f[3] for f in expected] == ["AL404"]
    assert _findings(folder, _config(cache_dir)) == expected
    index = _exact_name(cache_dir)
    assert index.is_file()
    return folder, index, expected


def test_the_payload_is_dangerous_to_pickle(tmp_path: Path) -> None:
    """(So that the tests below, which see no marker, could have failed.)"""
    marker = tmp_path / "marker"
    pickle.loads(pickle.dumps(_Payload(marker)))
    assert marker.read_text() == "pwned"


@pytest.mark.parametrize("mac", ["none", "valid"])
def test_a_malicious_pickle_under_the_exact_name_runs_nothing_and_is_a_miss(
    tmp_path: Path,
    planted: tuple[Path, Path, list[tuple[object, ...]]],
    monkeypatch: pytest.MonkeyPatch,
    mac: str,
) -> None:
    folder, index, expected = planted
    marker = tmp_path / "marker"
    evil = pickle.dumps({"format": 3, "entries": _Payload(marker)})
    if mac == "valid":  # even with this user's key (leaked), the reader is JSON
        write_cache(index, evil, raw=True)
    else:
        index.write_bytes(evil)
    # The name the pickle-era cache used, too:
    index.with_suffix(".pickle").write_bytes(evil)
    read: list[str] = []
    monkeypatch.setattr(runner, "read_file", _recording(read))
    assert _findings(folder, _config(index.parent.parent)) == expected
    assert not marker.exists()
    assert len(read) == 2  # a miss: both files were read and checked again
    assert read_cache(index)["format"] == cache._FORMAT  # and the cache rewritten


def _recording(read: list[str]) -> Any:
    original = runner.read_file

    def recording(path: str, *args: Any, **kwargs: Any) -> Any:
        read.append(path)
        return original(path, *args, **kwargs)

    return recording


@pytest.mark.parametrize("mac", ["none", "valid"])
def test_random_bytes_under_the_exact_name_are_a_miss(
    planted: tuple[Path, Path, list[tuple[object, ...]]], mac: str
) -> None:
    folder, index, expected = planted
    noise = os.urandom(4096)
    if mac == "valid":
        write_cache(index, noise, raw=True)
    else:
        index.write_bytes(cache._MAGIC + noise)
    assert _findings(folder, _config(index.parent.parent)) == expected


@pytest.mark.parametrize(
    "shape",
    [
        [],
        "entries",
        {"format": 4, "key": "x", "entries": {}},
        {"format": 4, "entries": [[1, 2, 3]]},
        {"format": "4", "entries": {}},
    ],
)
def test_valid_json_of_the_wrong_shape_is_a_miss(
    planted: tuple[Path, Path, list[tuple[object, ...]]], shape: Any
) -> None:
    folder, index, expected = planted
    if isinstance(shape, dict) and shape.get("key") == "x":
        shape = {**shape, "key": read_cache(index)["key"]}
    write_cache(index, shape)
    assert _findings(folder, _config(index.parent.parent)) == expected


def test_a_forged_cache_cannot_hide_findings(
    planted: tuple[Path, Path, list[tuple[object, ...]]],
) -> None:
    """Content digests are public (anyone can hash the files of a pull request), so a
    well-formed cache claiming "no findings" for every file is easy to write: without this
    user's key it fails the MAC and is ignored."""
    folder, index, expected = planted
    payload = read_cache(index)
    for entry in payload["entries"].values():
        entry[7:] = [[], [], [], [], None]  # no findings at all (and no record summary)
    body = json.dumps(payload).encode()
    index.write_bytes(cache._MAGIC + b"0" * 64 + b"\n" + body)  # no key: a made-up MAC
    assert _findings(folder, _config(index.parent.parent)) == expected
    write_cache(index, payload, secret=b"k" * 32)  # another key
    assert _findings(folder, _config(index.parent.parent)) == expected
    write_cache(index, payload)  # this user's key: it is trusted (what a MAC is for)
    assert _findings(folder, _config(index.parent.parent)) == []


def test_the_key_must_be_this_users_own(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    key = tmp_path / "home-cache" / "articlelint" / cache.KEY_FILE
    first = cache._secret_key()
    assert first is not None
    assert len(first) == 32
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    assert cache._secret_key() == first  # made once, then read
    key.chmod(0o644)  # readable by others (as a file from a checkout would be): unusable
    assert cache._secret_key() is None
    key.unlink()
    elsewhere = tmp_path / "planted-key"
    elsewhere.write_bytes(b"k" * 32)
    elsewhere.chmod(0o600)
    key.symlink_to(elsewhere)  # never read through a link
    assert cache._secret_key() is None
    # Without a key the run works, uncached, writes no cache, and says why.
    folder = _folder(tmp_path)
    cache_dir = tmp_path / "cache"
    with pytest.warns(ArticlelintWarning) as caught:
        assert [f[3] for f in _findings(folder, _config(cache_dir))] == ["AL404"]
    assert not cache_dir.exists()
    assert [str(w.message) for w in caught] == [
        f"not using the result cache: the key `{key}` is not this user's own regular file, "
        "readable by this user only; delete it and the next run makes a new one"
    ]


def test_a_cache_folder_linked_out_of_the_tree_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    folder = _folder(repo)
    outside = tmp_path / "outside"
    outside.mkdir()
    (repo / ".articlelint_cache").symlink_to(outside)  # planted by a pull request
    monkeypatch.chdir(repo)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        found = _findings(folder, _config(repo / ".articlelint_cache"))
    assert [f[3] for f in found] == ["AL404"]
    assert list(outside.iterdir()) == []  # nothing written through the link
    (warning,) = [w for w in caught if issubclass(w.category, ArticlelintWarning)]
    assert str(warning.message) == (
        f"not using the result cache: `{repo / '.articlelint_cache'}` is a symlink to "
        f"`{outside}`, outside the checked tree `{repo}`"
    )


def test_planted_links_inside_the_cache_folder_are_never_written_through(
    tmp_path: Path,
) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    folder = _folder(repo)
    cache_dir = repo / ".articlelint_cache"
    index = _exact_name(cache_dir)
    index.parent.mkdir(parents=True)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me\n")
    index.symlink_to(victim)  # the cache file itself
    (cache_dir / ".gitignore").symlink_to(tmp_path / "new-file")  # a dangling link
    assert [f[3] for f in _findings(folder, _config(cache_dir))] == ["AL404"]
    assert victim.read_text() == "keep me\n"
    assert not (tmp_path / "new-file").exists()
    assert not index.is_symlink()
    assert read_cache(index)["format"] == cache._FORMAT


def test_a_fact_json_cannot_carry_is_not_cached_and_a_date_is(tmp_path: Path) -> None:
    import datetime as dt

    report = engine.FileReport(str(tmp_path / "a.md"))
    from articlelint.rules import Fact, LocatedFact

    when = dt.datetime(2030, 1, 1, tzinfo=dt.timezone.utc)
    key = ("a", 1, ("b", None))
    report.facts.append(("AL304", LocatedFact(report.path, Fact(key, ("x", 0), when), None)))
    encoded = cache._encode_report(report)
    decoded = cache._decode_report(json.loads(json.dumps(encoded)), report.path)
    assert decoded.facts == report.facts
    assert type(decoded.facts[0][1].fact.key[2]) is tuple
    report.facts.append(("XYZ001", LocatedFact(report.path, Fact(object(), ()), None)))
    with pytest.raises(cache._NotCacheable):
        cache._encode_report(report)
    with pytest.raises(cache._NotCacheable):
        cache._encode_value(float("nan"))
