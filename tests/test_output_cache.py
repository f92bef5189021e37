"""A warm CLI run whose files are all unchanged prints the report kept from the same run
(``Linter.render_paths``): the same bytes and exit code as rendering it again, without
decoding a cached report; anything that could change the report renders it afresh."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from articlelint.cli import main
from articlelint.engine import cache

from .conftest import VALID

NOW = ["--config", "pyproject.toml"]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Three records with findings (one per file, one cross-file), and a fixed clock."""
    (tmp_path / "pyproject.toml").write_text(
        "[tool.articlelint]\njobs = 1\n"
        '[tool.articlelint.future-date]\nnow = "2024-01-01T00:00:00Z"\n'
    )
    records = tmp_path / "records"
    records.mkdir()
    (records / "a.md").write_text(VALID.replace("published: true", "published: nope"))
    (records / "b.md").write_text(VALID)  # the same webUrl as a.md and c.md: cross-file
    (records / "c.md").write_text(VALID.replace("quality: 70", "quality: -1"))
    # Files stamped now are trusted at once (not only 3 seconds after they were written).
    monkeypatch.setattr(cache, "_RACY_SECONDS", -1.0)
    monkeypatch.chdir(tmp_path)
    return records


def _run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main([*NOW, "--cache-dir", "cache", *args, "records"], stdout=out)
    return status, out.getvalue()


@pytest.fixture
def decodes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths whose cached reports are decoded from now on."""
    seen: list[str] = []
    original = cache._decode_report

    def counting(encoded: object, path: str) -> object:
        seen.append(path)
        return original(encoded, path)

    monkeypatch.setattr(cache, "_decode_report", counting)
    return seen


def test_a_warm_run_prints_the_kept_report_without_decoding(
    folder: Path, decodes: list[str]
) -> None:
    cold = _run()
    assert cold[0] == 1
    assert "AL404" in cold[1]  # a record's own finding
    assert "AL509" in cold[1]  # a cross-file one
    assert _run() == cold
    assert decodes == []  # served whole: no report decoded, no finding rendered
    # Rendering the cached reports again gives the same bytes (the kept one is removed).
    for kept in Path("cache").rglob("*.output.json"):
        kept.unlink()
    assert _run() == cold
    assert sorted(Path(p).name for p in decodes) == ["a.md", "b.md", "c.md"]


def test_each_rendering_is_kept_and_served(folder: Path, decodes: list[str]) -> None:
    text, concise, json_ = _run(), _run("--format", "concise"), _run("--format", "json")
    ungrouped = _run("--no-group")
    assert len(decodes) == 9  # the same run rendered three more ways: from the reports
    decodes.clear()
    assert len({text[1], concise[1], json_[1]}) == 3
    assert _run("--format", "concise") == concise
    assert _run("--format", "json") == json_
    assert _run("--no-group") == ungrouped
    assert _run() == text
    assert _run("--exit-zero") == (0, text[1])
    assert decodes == []


def test_a_changed_file_is_checked_and_the_report_rendered_again(
    folder: Path, decodes: list[str]
) -> None:
    cold = _run()
    (folder / "a.md").write_text(VALID)  # fixed
    status, text = _run()
    assert "AL404" not in text
    assert text != cold[1]
    assert [Path(p).name for p in decodes] == ["b.md", "c.md"]  # the others, from the cache
    assert _run() == (status, text)


def test_a_new_or_removed_file_renders_the_report_again(folder: Path) -> None:
    cold = _run()
    (folder / "d.md").write_text(VALID.replace("quality: 70", "quality: -2"))
    added = _run()
    assert added[1] != cold[1]
    assert "d.md" in added[1]
    (folder / "d.md").unlink()
    assert _run() == cold


def test_a_tampered_kept_report_is_not_served(folder: Path, decodes: list[str]) -> None:
    cold = _run()
    [kept] = Path("cache").rglob("*.output.json")
    data = kept.read_bytes()
    kept.write_bytes(data.replace(b"AL404", b"AL999"))
    assert _run() == cold  # the MAC does not match: rendered from the reports again
    assert len(decodes) == 3


def test_without_a_cache_nothing_is_kept(folder: Path) -> None:
    out = io.StringIO()
    assert main([*NOW, "--no-cache", "records"], stdout=out) == 1
    assert not Path("cache").exists()


def test_the_same_files_spelt_otherwise_render_again(folder: Path) -> None:
    """The report shows paths as they were given: `records` and its absolute spelling
    name the same files, but their reports differ."""
    relative = _run()
    out = io.StringIO()
    status = main([*NOW, "--cache-dir", "cache", str(folder.resolve())], stdout=out)
    assert status == relative[0]
    assert out.getvalue() != relative[1]
    assert str(folder.resolve() / "a.md") in out.getvalue()
    assert _run() == relative
