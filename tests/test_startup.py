"""Start-up cost (pre-commit runs one file per process): the public suffix list comes from
a per-user cache. Asserted structurally (what is cached), never by timing."""

from __future__ import annotations

import marshal
import os
import shutil
import sys
from pathlib import Path

import publicsuffixlist
import pytest
from publicsuffixlist import PublicSuffixList

from articlelint.rules import _suffixes
from articlelint.rules._suffixes import CACHE_FILE, load_public_suffix_list, user_cache_dir

# ---------------------------------------------------------------- the public suffix list

HOSTS = [
    "www.bbc.co.uk",
    "bbc.co.uk",
    "co.uk",
    "uk",
    "a.b.example.com",
    "city.kobe.jp",
    "www.city.kobe.jp",
    "foo.bar.kobe.jp",
    "x.y.公司.cn",
    "user.github.io",
    "github.io",
    "shop.bücher.ch",
    "test.nosuchtld",
]


def answers(psl: PublicSuffixList) -> list[object]:
    return [
        (
            psl.privatesuffix(host),
            psl.publicsuffix(host, accept_unknown=False),
            psl.is_public(host),
        )
        for host in HOSTS
    ]


FRESH = PublicSuffixList(accept_encoded_idn=False)


def parses(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the real (slow) parses of the list from now on."""
    calls: list[int] = []
    original = PublicSuffixList._parse

    def counting(self: PublicSuffixList, source: object, *args: object, **kwargs: object) -> None:
        if source != ():
            calls.append(1)
        original(self, source, *args, **kwargs)

    monkeypatch.setattr(PublicSuffixList, "_parse", counting)
    return calls


def test_cached_list_is_identical_to_a_fresh_parse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = parses(monkeypatch)
    first = load_public_suffix_list(tmp_path)
    assert len(calls) == 1
    assert (tmp_path / CACHE_FILE).is_file()
    second = load_public_suffix_list(tmp_path)
    assert len(calls) == 1  # served from the cache
    assert vars(second) == vars(first) == vars(FRESH)
    assert answers(second) == answers(FRESH)
    assert answers(FRESH)[0] == ("bbc.co.uk", "co.uk", False)


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: b"",
        lambda data: b"garbage",
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-10] + bytes(10),  # checksum no longer matches
        lambda data: data[:30] + bytes([data[30] ^ 1]) + data[31:],
    ],
    ids=["empty", "garbage", "truncated", "zeroed-tail", "flipped-bit"],
)
def test_corrupt_cache_file_means_a_fresh_parse_and_a_rewrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: object
) -> None:
    load_public_suffix_list(tmp_path)
    path = tmp_path / CACHE_FILE
    good = path.read_bytes()
    path.write_bytes(damage(good))  # type: ignore[operator]
    calls = parses(monkeypatch)
    assert vars(load_public_suffix_list(tmp_path)) == vars(FRESH)
    assert len(calls) == 1
    assert path.read_bytes() == good


def test_valid_file_with_the_wrong_state_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A well-formed cache whose state does not fit this parser (other attributes, other
    types) is ignored, e.g. one written by a version that keeps the list differently."""
    key = _suffixes._cache_key()
    assert key is not None
    for state in (
        {**vars(FRESH), "_extra": 1},
        {**vars(FRESH), "_maxlabel": "7"},
        {"_publicsuffix": frozenset()},
    ):
        _suffixes._write(tmp_path, tmp_path / CACHE_FILE, key, state)
        calls = parses(monkeypatch)
        assert vars(load_public_suffix_list(tmp_path)) == vars(FRESH)
        assert len(calls) == 1
        monkeypatch.undo()


def test_unwritable_cache_folder_still_gives_the_list(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    assert vars(load_public_suffix_list(blocker / "articlelint")) == vars(FRESH)
    assert vars(load_public_suffix_list(None)) == vars(FRESH)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_unreadable_cache_file_still_gives_the_list(tmp_path: Path) -> None:
    (tmp_path / CACHE_FILE).mkdir()  # opening it fails with IsADirectoryError
    assert vars(load_public_suffix_list(tmp_path)) == vars(FRESH)


def test_new_package_version_or_list_file_means_a_reparse(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    load_public_suffix_list(cache)
    calls = parses(monkeypatch)
    monkeypatch.setattr(publicsuffixlist, "__version__", "99.0.0")
    assert vars(load_public_suffix_list(cache)) == vars(FRESH)
    assert len(calls) == 1
    stored_key, _ = marshal.loads((cache / CACHE_FILE).read_bytes()[len(_suffixes._MAGIC) + 4 :])
    assert stored_key[0] == "99.0.0"
    assert len(calls) == 1

    # An edited list file (same version): its size and mtime change, so it is parsed again.
    copy = tmp_path / "public_suffix_list.dat"
    shutil.copyfile(publicsuffixlist.PSLFILE, copy)
    monkeypatch.setattr(publicsuffixlist, "PSLFILE", str(copy))
    assert load_public_suffix_list(cache).privatesuffix("a.b.example.com") == "example.com"
    with copy.open("a", encoding="utf-8") as handle:
        handle.write("\n// a private suffix added later\nexample.com\n")
    os.utime(copy, ns=(1, 1))
    edited = load_public_suffix_list(cache)
    assert edited.privatesuffix("a.b.example.com") == "b.example.com"
    assert edited.is_public("example.com")
    assert load_public_suffix_list(cache).is_public("example.com")  # now from the cache
    assert len(calls) == 3


def test_user_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("LOCALAPPDATA on Windows")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert user_cache_dir() == tmp_path / "articlelint"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # invalid per the spec: ignored
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_cache_dir() == tmp_path / "home" / ".cache" / "articlelint"
