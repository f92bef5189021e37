"""Parallel checking and the result cache change nothing but the time a run takes."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from articlelint import engine
from articlelint.cli import main
from articlelint.config import Config
from articlelint.diagnostics import Severity
from articlelint.engine import ruleset as rulesets
from articlelint.engine import runner
from articlelint.engine.cache import ResultCache
from articlelint.rules import Fact, LocatedFact, Problem, ProjectRule, Record, Registry, registry

from .conftest import SEEDS, VALID, own_web_url, read_cache, replace_line, write_cache

UNPUBLISHED = replace_line(VALID, "published: true", "published: false")


class DuplicateTitle(ProjectRule):
    """## What it does
    Test-only cross-file rule: the same title in two files.
    """

    code = "AL999"
    name = "test-duplicate-title"
    severity = Severity.WARNING

    def collect(self, record: Record, options: Any) -> Iterator[Fact]:
        title = record.data.get("title")
        if isinstance(title, str):
            yield Fact(title, ("title",))

    def finish(
        self, facts: Sequence[LocatedFact], options: Any
    ) -> Iterable[tuple[LocatedFact, Problem]]:
        first: dict[object, LocatedFact] = {}
        for fact in facts:
            seen = first.setdefault(fact.fact.key, fact)
            if seen is not fact:
                yield fact, Problem(f"same title as {seen.path}")


@pytest.fixture
def with_project_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    reg = Registry()
    for rule in registry():
        reg.add(rule)
    reg.add(DuplicateTitle())
    monkeypatch.setattr(rulesets, "registry", lambda: reg)


def _folder(tmp_path: Path, count: int = 12, *, seeds: bool = True) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    for index in range(count):
        text = VALID
        if index % 3 == 0:
            text = replace_line(text, "published: true", "published: no")
        if index % 4 == 0:
            text = replace_line(
                text, 'title: "Microsoft restricts facial recognition tech"', f"title: T{index}"
            )
        (folder / f"{index:03}.md").write_text(text, encoding="utf-8")
    for seed in sorted(p for p in SEEDS.rglob("*") if p.is_file() and seeds):
        shutil.copy(seed, folder / seed.name)
    return folder


#: AL304 compares dates with the clock: pin it so that two runs can be compared.
_NOW = {"future-date": {"now": "2026-01-01T00:00:00Z"}}


def _run(folder: Path, **config: Any) -> list[tuple[object, ...]]:
    config.setdefault("options", _NOW)
    result = engine.lint_paths([folder], Config(**config))
    return [
        (d.path, d.line, d.column, d.end_line, d.end_column, d.code, d.message, d.field)
        for d in result.diagnostics
    ]


@pytest.mark.usefixtures("with_project_rule")
def test_parallel_equals_serial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _folder(tmp_path)
    serial = _run(folder, jobs=1)
    assert any(r[5] == "AL999" for r in serial)
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", 2)
    assert _run(folder, jobs=2) == serial
    assert _run(folder, jobs=3) == serial


@pytest.mark.usefixtures("with_project_rule")
def test_warm_cache_gives_the_same_result_with_cross_file_findings(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    cache = tmp_path / "cache"
    expected = _run(folder, jobs=1)
    assert _run(folder, jobs=1, cache_dir=str(cache)) == expected  # cold: fills the cache
    assert list(cache.rglob("*.json"))
    assert (cache / ".gitignore").read_text(encoding="utf-8").endswith("*\n")
    assert _run(folder, jobs=1, cache_dir=str(cache)) == expected  # warm
    assert [r for r in expected if r[5] == "AL999"]


def test_record_summaries_are_the_same_serial_parallel_cold_and_warm(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path)
    (folder / "withdrawn.md").write_text(
        replace_line(VALID, "heat: 70", "heat: -1").replace("published: true", "published: no")
    )
    (folder / "broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    config = Config(jobs=1, options=_NOW)
    serial = engine.lint_paths([folder], config)
    records = {Path(p).name: s for p, s in serial.records.items()}
    # Every file that loaded has a summary; those that did not (AL001-AL003) have none.
    unloaded = {d.path for d in serial.diagnostics if d.code in ("AL001", "AL002", "AL003")}
    assert str(folder / "broken.md") in unloaded
    assert set(serial.paths) - set(serial.records) == unloaded
    assert records["withdrawn.md"] == engine.RecordSummary(
        "article", "siliconrepublic.com", "2022-06-22T08:27:00Z", False, True
    )
    assert records["000.md"].published is False  # `published: no`, as the loader reads it
    assert records["001.md"].published is True
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", 2)
    parallel = engine.lint_paths([folder], config.model_copy(update={"jobs": 2}))
    cache = str(tmp_path / "cache")
    cold = engine.lint_paths([folder], config.model_copy(update={"cache_dir": cache}))
    monkeypatch.setattr("articlelint.engine.cache._RACY_SECONDS", -1e12)  # trust every stamp
    engine.lint_paths([folder], config.model_copy(update={"cache_dir": cache}))  # trusted now

    def no_read(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a cached, unchanged file was read to check it")

    monkeypatch.setattr(runner, "read_file", no_read)
    warm = engine.lint_paths([folder], config.model_copy(update={"cache_dir": cache}))
    for other in (parallel, cold, warm):
        assert list(other.records.items()) == list(serial.records.items())
        assert other == serial


def test_spawned_workers_match_per_file_ignores_against_the_configs_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Workers started with `spawn` (as when the calling process runs threads, or on macOS
    and Windows) get the configuration by pickle, its root included: `per-file-ignores`
    globs are relative to the configuration file's folder, not the working directory."""
    from articlelint.config import load_config
    from articlelint.engine import _pool

    project = tmp_path / "project"
    legacy = project / "legacy"
    legacy.mkdir(parents=True)
    for index in range(6):
        (legacy / f"{index}.md").write_text(own_web_url(UNPUBLISHED, str(index)), encoding="utf-8")
    (project / "pyproject.toml").write_text(
        "[tool.articlelint]\njobs = 2\n"
        '[tool.articlelint.per-file-ignores]\n"legacy/*" = ["AL401"]\n',
        encoding="utf-8",
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    config = load_config(project / "pyproject.toml")
    assert config.root == project
    serial = engine.lint_paths([legacy], config.model_copy(update={"jobs": 1}))
    assert not [d for d in serial.diagnostics if d.code == "AL401"]
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", 2)
    methods: list[str] = []

    def spawn() -> str:
        methods.append("spawn")
        return "spawn"

    monkeypatch.setattr(_pool, "start_method", spawn)
    spawned = engine.lint_paths([legacy], config)
    assert methods == ["spawn"]
    assert spawned == serial
    assert [d.code for d in spawned.diagnostics if d.code == "AL401"] == []


def test_cache_never_serves_a_changed_file(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    record = folder / "a.md"
    record.write_text(VALID, encoding="utf-8")
    cache = str(tmp_path / "cache")
    assert _run(folder, cache_dir=cache) == []
    before = os.stat(record)
    # Same size, same mtime, written at once: only the content differs.
    record.write_text(VALID.replace("published: true", "published: nope"), encoding="utf-8")
    assert os.path.getsize(record) == before.st_size
    os.utime(record, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert [r[5] for r in _run(folder, cache_dir=cache)] == ["AL404"]
    record.write_text(VALID, encoding="utf-8")
    assert _run(folder, cache_dir=cache) == []


def test_cache_is_keyed_on_configuration(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 3)
    cache = str(tmp_path / "cache")
    everything = _run(folder, cache_dir=cache)
    only = _run(folder, cache_dir=cache, select=["AL401"])
    assert only == [r for r in everything if r[5] == "AL401"]
    assert _run(folder, cache_dir=cache) == everything


def test_stat_shortcut_serves_old_trusted_entries_without_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = _folder(tmp_path, 3)
    old = 1_600_000_000
    for path in folder.iterdir():
        os.utime(path, (old, old))
    cache = str(tmp_path / "cache")
    monkeypatch.setattr("articlelint.engine.cache._RACY_SECONDS", -1e12)  # ctime is "now": trust
    expected = _run(folder, cache_dir=cache)

    def no_read(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a trusted, unchanged file was read")

    monkeypatch.setattr(runner, "read_file", no_read)
    assert _run(folder, cache_dir=cache) == expected


def test_concurrent_saves_merge_and_bad_cache_files_are_ignored(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 2)
    cache_dir = tmp_path / "cache"
    config = Config(cache_dir=str(cache_dir), options=_NOW)
    ruleset = engine.RuleSet(config)
    first, second = ResultCache(cache_dir, ruleset), ResultCache(cache_dir, ruleset)
    files = sorted(str(p) for p in folder.iterdir())
    report = engine.FileReport(files[0])
    first.store(files[0], (1, 2, 3, 4, 5), True, b"x" * 16, report)
    second.store(files[1], (1, 2, 3, 4, 5), True, b"y" * 16, engine.FileReport(files[1]))
    first.save()
    second.save()
    merged = ResultCache(cache_dir, ruleset)
    assert merged.known_digest(files[0]) == b"x" * 16
    assert merged.known_digest(files[1]) == b"y" * 16
    Path(merged.file).write_bytes(b"not a pickle")
    assert ResultCache(cache_dir, ruleset).entries == {}
    assert _run(folder, cache_dir=str(cache_dir)) == _run(folder)


def test_cli_cache_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _folder(tmp_path, 2, seeds=False)  # no future dates: output is clock-free
    monkeypatch.chdir(tmp_path)
    assert main(["--no-cache", "-j", "1", str(folder)]) == 1
    assert not (tmp_path / ".articlelint_cache").exists()
    cold = capsys.readouterr().out
    assert main([str(folder)]) == 1
    assert (tmp_path / ".articlelint_cache").is_dir()
    assert main(["--cache-dir", "elsewhere", str(folder)]) == 1
    assert (tmp_path / "elsewhere").is_dir()
    assert capsys.readouterr().out == cold * 2
    assert main(["--jobs", "0", str(folder)]) == 2


def test_clock_dependent_findings_are_not_frozen_by_the_cache(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.md").write_text(
        replace_line(
            VALID,
            "publishedDateTime: 2022-06-22T08:27:00Z",
            "publishedDateTime: 2030-01-01T00:00:00Z",
        ),
        encoding="utf-8",
    )
    cache = str(tmp_path / "cache")
    before = {"future-date": {"now": "2029-01-01T00:00:00Z"}}
    after = {"future-date": {"now": "2031-01-01T00:00:00Z"}}
    assert [r[5] for r in _run(folder, cache_dir=cache, options=before) if r[5] == "AL304"] == [
        "AL304"
    ]
    assert [r for r in _run(folder, cache_dir=cache, options=after) if r[5] == "AL304"] == []
    # Without a pinned `now`, the same cache entry serves runs at any time: the dates are
    # cached as facts and compared with the clock in every run.
    assert [r[5] for r in _run(folder, cache_dir=cache, options={}) if r[5] == "AL304"] == ["AL304"]
    assert [r[5] for r in _run(folder, cache_dir=cache, options={}) if r[5] == "AL304"] == ["AL304"]


def _cli(args: list[str]) -> tuple[int, str]:
    import io

    out = io.StringIO()
    code = main(args, stdout=out)
    return code, out.getvalue()


@pytest.mark.parametrize("fmt", ["text", "concise", "json", "sarif", "github"])
def test_warm_output_is_the_cold_output_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    folder = _folder(tmp_path, 6, seeds=False)  # no future dates: output is clock-free
    (folder / "broken.md").write_text("---\ntitle: [unclosed\n---\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("articlelint.engine.cache._RACY_SECONDS", -1e12)  # trust every stamp
    args = ["--format", fmt, "-j", "1", "--cache-dir", "cache", "news"]
    uncached = _cli(["--no-cache", *args])
    assert not (tmp_path / "cache").exists()
    assert _cli(args) == uncached  # cold: fills the cache
    # Cross-file findings (the same webUrl in every copy), a file that does not load,
    # fixable findings: all of it comes back from the cache.
    for code in ("AL509", "AL003", "AL404"):
        assert code in uncached[1]

    def no_read(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a cached, unchanged file was read to check it")

    monkeypatch.setattr(runner, "read_file", no_read)
    assert _cli(args) == uncached  # warm
    # The text report's source lines come from the cache too (cross-file findings aside).
    assert _cli(args) == uncached


def test_text_snippets_of_a_warm_run_come_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.md").write_text(VALID.replace("published: true", "published: no"))
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("articlelint.engine.cache._RACY_SECONDS", -1e12)
    args = ["-j", "1", "--cache-dir", "cache", "news"]
    cold = _cli(args)
    assert "| published: no" in cold[1]
    import builtins

    real_open = builtins.open

    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        assert not str(file).endswith("a.md"), "the text reporter read the file again"
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    assert _cli(args) == cold


def test_a_trusted_entry_is_not_served_after_a_same_size_same_mtime_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The stat shortcut trusts an entry only if the file had not changed for a while when
    it was stamped; any later write changes its ctime (which utime cannot set back)."""
    folder = tmp_path / "news"
    folder.mkdir()
    record = folder / "a.md"
    record.write_text(VALID, encoding="utf-8")
    old = 1_600_000_000
    os.utime(record, (old, old))
    cache = str(tmp_path / "cache")
    monkeypatch.setattr("articlelint.engine.cache._RACY_SECONDS", -1e12)  # trust every stamp
    assert _run(folder, cache_dir=cache) == []
    entry = next(iter(ResultCache(cache, engine.RuleSet(Config(options=_NOW))).entries.values()))
    assert entry[5]  # trusted: the stat shortcut applies
    record.write_text(VALID.replace("published: true", "published: nope"), encoding="utf-8")
    os.utime(record, (old, old))  # same size, same mtime
    assert [r[5] for r in _run(folder, cache_dir=cache)] == ["AL404"]
    assert [r[5] for r in _run(folder, cache_dir=cache)] == ["AL404"]


def test_a_file_written_twice_within_one_mtime_tick_is_not_stale(tmp_path: Path) -> None:
    """Racy clean: the first write is checked and cached, the second keeps size and mtime
    (as within one tick of a coarse clock). The entry was stamped too soon after the write
    to be trusted by its stamp alone, so the content is hashed and the change seen."""
    folder = tmp_path / "news"
    folder.mkdir()
    record = folder / "a.md"
    record.write_text(VALID, encoding="utf-8")
    tick = os.stat(record)
    cache = str(tmp_path / "cache")
    assert _run(folder, cache_dir=cache) == []
    entry = next(iter(ResultCache(cache, engine.RuleSet(Config(options=_NOW))).entries.values()))
    assert not entry[5]  # stamped within the racy window: never trusted by stat alone
    record.write_text(VALID.replace("published: true", "published: nope"), encoding="utf-8")
    os.utime(record, ns=(tick.st_atime_ns, tick.st_mtime_ns))
    assert [r[5] for r in _run(folder, cache_dir=cache)] == ["AL404"]


@pytest.mark.parametrize(
    "damage",
    [
        "garbage",
        "truncated",
        "empty",
        "other format",
        "other settings key",
        "entries not a mapping",
        "entry not a list",
        "entry too short",
        "report not well formed",
        "a line number that is text",
        "a fix that is not one",
        "a fact key that cannot be hashed",
        "a suppression that is not one",
        "a severity that does not exist",
        "a record summary that is not one",
        "a record summary of the wrong length",
        "nested too deep for the JSON reader",
    ],
)
def test_a_damaged_cache_is_ignored_and_rewritten(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, damage: str
) -> None:
    """Each damage is written with a valid MAC (as a buggy or older articlelint would write
    it), so it is the shape check that is tested, not the MAC (see test_cache_security)."""
    folder = _folder(tmp_path, 3)
    (folder / "fix.md").write_text(VALID.replace("published: true", "published: no"))
    cache_dir = tmp_path / "cache"
    monkeypatch.setattr("articlelint.engine.cache._RACY_SECONDS", -1e12)  # trust every stamp
    expected = _run(folder)
    assert _run(folder, cache_dir=str(cache_dir)) == expected
    (index,) = cache_dir.rglob("*.json")
    payload = read_cache(index)
    entries = payload["entries"]
    first = sorted(entries)[0]
    fixable = next(k for k, v in entries.items() if any(d[9] for d in v[7]))
    with_fact = next(k for k, v in entries.items() if v[8])
    entry = entries[first]

    def changed(key: str, new: Any) -> dict[str, Any]:
        return {**payload, "entries": {**entries, key: new}}

    diagnostic = [*entries[fixable][7][0]]
    record = entries[fixable][11]
    assert len(entry) == 12  # stamp (5), trusted, digest, the report's five parts
    damaged: Any = {
        "garbage": b"not a cache",
        "truncated": index.read_bytes()[: len(index.read_bytes()) // 2],
        "empty": b"",
        "other format": {**payload, "format": -1},
        "other settings key": {**payload, "key": "0" * 32},
        "entries not a mapping": {**payload, "entries": [1, 2]},
        "entry not a list": changed(first, 42),
        "entry too short": changed(first, entry[:6]),
        "report not well formed": changed(first, [*entry[:7], 1, 2, 3, 4, None]),
        "a line number that is text": changed(
            fixable,
            [*entries[fixable][:7], [[*diagnostic[:4], "1", *diagnostic[5:]]], [], [], [], record],
        ),
        "a fix that is not one": changed(
            fixable, [*entries[fixable][:7], [[*diagnostic[:9], ["safe"]]], [], [], [], record]
        ),
        "a fact key that cannot be hashed": changed(
            with_fact,
            [
                *entries[with_fact][:8],
                [["AL509", {"list": [1]}, ["webUrl"], "x", None]],
                [],
                [],
                entries[with_fact][11],
            ],
        ),
        "a suppression that is not one": changed(
            first, [*entry[:9], [[1, "no", [], [], None]], [], entry[11]]
        ),
        "a severity that does not exist": changed(
            fixable,
            [
                *entries[fixable][:7],
                [[*diagnostic[:2], "fatal", *diagnostic[3:]]],
                [],
                [],
                [],
                record,
            ],
        ),
        "a record summary that is not one": changed(
            first, [*entry[:11], ["article", None, None, "yes", False]]
        ),
        "a record summary of the wrong length": changed(first, [*entry[:11], ["article"]]),
        "nested too deep for the JSON reader": b"[" * 100_000,
    }[damage]
    if isinstance(damaged, dict):
        write_cache(index, damaged)
    else:
        write_cache(index, damaged, raw=True)
    assert _run(folder, cache_dir=str(cache_dir)) == expected
    # ...and the same again with touched files: their digests match, their reports do not.
    for path in folder.iterdir():
        os.utime(path)
    assert _run(folder, cache_dir=str(cache_dir)) == expected
    assert read_cache(index)["format"] == payload["format"]  # rewritten, well formed
    assert _run(folder, cache_dir=str(cache_dir)) == expected


def test_settings_key_changes_with_what_changes_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def key(**config: Any) -> str:
        return Path(ResultCache(tmp_path, engine.RuleSet(Config(**config))).file).name

    base = key()
    assert key() == base
    assert key(jobs=1, cache_dir="elsewhere") == base  # how a run goes, not what it finds
    assert key(select=["AL4"]) != base
    assert key(severity={"AL401": "error"}) != base
    assert key(options={"future-date": {"now": "2026-01-01T00:00:00Z"}}) != base
    assert key(exclude=["drafts"]) != base
    # per-file-ignores globs are relative to the configuration's folder
    rooted = ResultCache(tmp_path, engine.RuleSet(Config(options=_NOW).rooted(tmp_path / "sub")))
    assert Path(rooted.file).name not in (base, key(options=_NOW))
    monkeypatch.setattr("articlelint.engine.cache.__version__", "0.0.0-other")
    assert key() != base
    monkeypatch.undo()
    reg = Registry()
    for rule in registry():
        reg.add(rule)
    reg.add(DuplicateTitle())  # another plugin installed
    monkeypatch.setattr(rulesets, "registry", lambda: reg)
    assert key() != base


def test_no_processes_means_serial_and_a_parallel_bug_shows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import multiprocessing

    folder = _folder(tmp_path)
    serial = _run(folder, jobs=1)
    monkeypatch.setattr(runner, "PARALLEL_MIN_FILES", 2)

    def no_semaphores(method: str | None = None) -> Any:
        raise PermissionError("no /dev/shm in this sandbox")

    with monkeypatch.context() as patched:
        patched.setattr(multiprocessing, "get_context", no_semaphores)
        assert _run(folder, jobs=2) == serial  # finished in this process

    monkeypatch.setattr(runner, "_check_chunk", _broken_chunk)
    with pytest.raises(RuntimeError, match="a bug in the parallel path"):
        _run(folder, jobs=2)


def _broken_chunk(chunk: Any) -> Any:
    raise RuntimeError("a bug in the parallel path")


def test_the_collector_thresholds_are_raised_while_checking_and_restored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc

    folder = _folder(tmp_path)
    seen: list[tuple[int, int, int]] = []
    original = runner.check_loaded

    def recording(*args: Any, **kwargs: Any) -> Any:
        seen.append(gc.get_threshold())
        return original(*args, **kwargs)

    monkeypatch.setattr(runner, "check_loaded", recording)
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    try:
        _run(folder, jobs=1)
        assert gc.get_threshold() == (700, 10, 10)
    finally:
        gc.set_threshold(*before)
    assert seen
    assert set(seen) == {(50_000, 20, 100)}
