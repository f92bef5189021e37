"""Start-up cost (pre-commit runs one file per process): the public suffix list comes from
a per-user cache, plugins are found without importlib.metadata, and a one-file run does not
import what one file does not need. Asserted structurally (what is imported, what is
cached), never by timing."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import publicsuffixlist
import pytest
from publicsuffixlist import PublicSuffixList

from articlelint.rules import _entry_points, _suffixes
from articlelint.rules._entry_points import EntryPoint, entry_points
from articlelint.rules._suffixes import cache_file_name, load_public_suffix_list, user_cache_dir

# ---------------------------------------------------------------- the public suffix list

#: This install's cache file name (its key is fixed for the test process).
CACHE_FILE = cache_file_name(_suffixes._cache_key() or [])

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


def test_the_suffix_cache_is_never_read_through_a_symlink(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    elsewhere = tmp_path / "elsewhere"
    load_public_suffix_list(elsewhere)  # a valid cache file, but somewhere else
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / CACHE_FILE).symlink_to(elsewhere / CACHE_FILE)
    calls = parses(monkeypatch)
    assert vars(load_public_suffix_list(cache)) == vars(FRESH)
    assert len(calls) == 1  # not read through the link...
    assert not (cache / CACHE_FILE).is_symlink()  # ...and replaced by a file, not written through


@pytest.mark.parametrize(
    "state",
    [
        {**vars(FRESH), "_publicsuffix": frozenset({"a\nint\t_maxlabel\t1"})},
        {**vars(FRESH), "_note": "tab\there"},
        {**vars(FRESH), "_table": {"a": 1}},
    ],
    ids=["line-break-in-a-member", "tab-in-a-value", "another-kind"],
)
def test_a_state_the_format_cannot_hold_is_not_cached(tmp_path: Path, state: object) -> None:
    key = _suffixes._cache_key()
    assert key is not None
    _suffixes._write(tmp_path, tmp_path / CACHE_FILE, key, state)  # type: ignore[arg-type]
    assert not (tmp_path / CACHE_FILE).exists()


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
    new_key = _suffixes._cache_key()
    assert new_key is not None
    stored = (cache / cache_file_name(new_key)).read_bytes()[len(_suffixes._MAGIC) + 4 :].decode()
    assert stored.split("\n")[0].split("\t")[:2] == ["key", "99.0.0"]
    assert len(calls) == 1
    assert (cache / CACHE_FILE).is_file()  # the other version's file stays (side by side)

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


def test_concurrent_runs_share_one_valid_cache_file(tmp_path: Path) -> None:
    """Runs that start together with no cache all parse, each writes its own temporary
    file and renames it into place: every run gets the list, the file left is whole."""
    import subprocess

    from tests.conftest import ROOT

    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from articlelint.rules._suffixes import load_public_suffix_list\n"
        "psl = load_public_suffix_list(Path(sys.argv[1]))\n"
        "print(psl.privatesuffix('www.bbc.co.uk'), len(vars(psl)['_publicsuffix']))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", code, str(tmp_path)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(4)
    ]
    expected = f"bbc.co.uk {len(FRESH._publicsuffix)}\n"
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert (run.returncode, out, err) == (0, expected, "")
    assert [p.name for p in tmp_path.iterdir()] == [CACHE_FILE]  # no temporary file left
    assert _suffixes._read(tmp_path / CACHE_FILE, _suffixes._cache_key() or ()) == vars(FRESH)


def test_user_cache_dir_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    if sys.platform == "win32":
        pytest.skip("LOCALAPPDATA on Windows")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert user_cache_dir() == tmp_path / "articlelint"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # invalid per the spec: ignored
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert user_cache_dir() == tmp_path / "home" / ".cache" / "articlelint"


# ---------------------------------------------------------------- plugin entry points


def metadata_entry_points(group: str) -> list[tuple[str, str, str]]:
    import importlib.metadata

    return [(ep.name, ep.value, ep.group) for ep in importlib.metadata.entry_points(group=group)]


def scanned(group: str) -> list[tuple[str, str, str]]:
    return [(ep.name, ep.value, ep.group) for ep in entry_points(group)]


def dist(site: Path, folder: str, entry_points_txt: str | bytes | None) -> None:
    info = site / folder
    info.mkdir(parents=True)
    name = folder.partition("-")[0]
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n")
    if isinstance(entry_points_txt, bytes):
        (info / "entry_points.txt").write_bytes(entry_points_txt)
    elif entry_points_txt is not None:
        (info / "entry_points.txt").write_text(entry_points_txt)


def test_scan_finds_what_importlib_metadata_finds_in_this_environment() -> None:
    import importlib.metadata

    groups = {ep.group for d in importlib.metadata.distributions() for ep in d.entry_points}
    assert "console_scripts" in groups
    assert _entry_points._scan("console_scripts") is not None  # the fast path, not a fallback
    for group in [*sorted(groups), "articlelint.rules", "no.such.group"]:
        assert scanned(group) == metadata_entry_points(group), group


def test_scan_shadows_sections_and_comments_like_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    # The same distribution twice: the copy earlier on sys.path wins, even with no entry
    # points of its own (an egg-info *file* counts too); names normalise (Foo_Bar = foo.bar).
    dist(first, "shadow-2.0.dist-info", None)
    dist(second, "shadow-1.0.dist-info", "[g]\nold = old_mod\n")
    dist(first, "Foo_Bar-1.0.dist-info", "[g]\nfoo = foo_mod:Rule\n")
    dist(second, "foo.bar-0.9.dist-info", "[g]\nstale = stale_mod\n")
    (first / "legacy-1.0.egg-info").write_text("Metadata-Version: 1.0\nName: legacy\n")
    dist(second, "legacy-0.1.egg-info", "[g]\nlegacy = legacy_mod\n")
    dist(
        second,
        "many-1.0.egg-info",
        "# comment [g]\n[other]\nx = y\n\n  [g]  \n  a =  pkg.mod : obj.attr [extra] \n"
        "; not a comment = z\n#b = c\n[g.sub]\nd = e\n[g]\nf=g\n",
    )
    monkeypatch.setattr(sys, "path", [str(first), str(second), str(tmp_path / "missing")])
    import importlib

    importlib.invalidate_caches()
    expected = metadata_entry_points("g")
    assert scanned("g") == expected
    assert [name for name, _, _ in expected] == ["foo", "a", "; not a comment", "f"]
    assert scanned("g.sub") == metadata_entry_points("g.sub") == [("d", "e", "g.sub")]
    assert scanned("other") == metadata_entry_points("other")


def test_unknown_layouts_are_left_to_importlib_metadata(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import zipfile

    archive = tmp_path / "plugins.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("zipped-1.0.dist-info/METADATA", "Name: zipped\nVersion: 1.0\n")
        zipped.writestr("zipped-1.0.dist-info/entry_points.txt", "[g]\nz = zipped_mod\n")
    monkeypatch.setattr(sys, "path", [str(archive)])
    assert _entry_points._scan("g") is None
    assert scanned("g") == metadata_entry_points("g") == [("z", "zipped_mod", "g")]

    upper = tmp_path / "upper"
    dist(upper, "odd-1.0.DIST-INFO", "[g]\no = odd_mod\n")
    monkeypatch.setattr(sys, "path", [str(upper)])
    assert _entry_points._scan("g") is None

    class Finder:
        @staticmethod
        def find_distributions(context: object = None) -> list[object]:
            return []

    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    monkeypatch.setattr(sys, "meta_path", [*sys.meta_path, Finder])
    assert _entry_points._scan("g") is None


def test_unreadable_or_malformed_plugin_declarations_become_load_errors(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dist(tmp_path, "latin-1.0.dist-info", b"[g]\nok = mod\n# caf\xe9\n")
    dist(tmp_path, "noequals-1.0.dist-info", "[g]\njust a name\n")
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    found = {ep.name: ep for ep in entry_points("g")}
    assert sorted(found) == ["just a name", "latin-1.0.dist-info"]
    with pytest.raises(UnicodeDecodeError):
        found["latin-1.0.dist-info"].load()
    with pytest.raises(ValueError, match="is not `name = value`"):
        found["just a name"].load()


def test_entry_point_load_follows_module_and_attributes() -> None:
    assert EntryPoint("x", "os.path", "g").load() is os.path
    assert EntryPoint("x", "os : path.join [extra]", "g").load() is os.path.join
    with pytest.raises(ValueError, match="is not `module`"):
        EntryPoint("x", "not a module!", "g").load()
    with pytest.raises(ModuleNotFoundError):
        EntryPoint("x", "no_such_module_here", "g").load()


def test_plugins_installed_or_removed_later_are_seen_by_the_next_run(tmp_path: Path) -> None:
    from tests.test_plugins import PLUGIN, SHOUTING, cli, make_plugin

    site = tmp_path / "site"
    site.mkdir()
    (tmp_path / "a.md").write_text(SHOUTING, encoding="utf-8")
    assert cli(site, "--format", "concise", "a.md", cwd=tmp_path).stdout == ""
    make_plugin(site, "xyz_rules", "xyz = xyz_rules\n", {"xyz_rules": PLUGIN})
    found = cli(site, "--format", "concise", "a.md", cwd=tmp_path)
    assert (
        found.stdout
        == "a.md:3:8: XYZ001 title is all capitals; write it in sentence case [title]\n"
    )
    shutil.rmtree(site / "xyz_rules-1.0.dist-info")
    assert cli(site, "--format", "concise", "a.md", cwd=tmp_path).stdout == ""


# ---------------------------------------------------------------- what a one-file run imports

#: Run in a fresh interpreter: lint one file the way pre-commit does, and report which
#: modules the run imported (beyond those the interpreter had at start, e.g. from .pth
#: files) and how often the public suffix list was really parsed.
ONE_FILE_RUN = """
import sys
before = set(sys.modules)
import publicsuffixlist
parses = []
original = publicsuffixlist.PublicSuffixList._parse
def counting(self, source, *args, **kwargs):
    if source != ():
        parses.append(1)
    return original(self, source, *args, **kwargs)
publicsuffixlist.PublicSuffixList._parse = counting
from articlelint.cli import main
status = main(["--no-cache", "a.md"])
report = {"status": status, "parses": len(parses), "new": sorted(set(sys.modules) - before)}
import json
with open("modules.json", "w") as handle:
    json.dump(report, handle)
"""

#: Modules one file does not need, and who still imports them (an xfail) if anyone does.
HEAVY: dict[str, str | None] = {
    "pydantic": None,  # records that clearly conform never need it
    "importlib.metadata": None,  # plugins are found without it
    "email": None,
    "csv": None,
    "zipfile": None,
    "asyncio": None,
    "concurrent.futures": None,
    "multiprocessing": None,  # one file is checked in this process
    "ssl": None,
    "socket": None,
    "subprocess": None,
    "logging": None,
    "uuid": None,
    "platform": None,
    "zoneinfo": None,
    "decimal": None,
    "json": None,
    "difflib": None,  # only for did-you-mean messages
    "jsonschema": None,  # only with --schema
    "tempfile": None,
    "shutil": None,
    "pickle": None,
    "hashlib": None,
    "html.entities": None,
    "tomllib": None,  # no configuration file here
    "xml": None,
    "articlelint.reporting.json": None,
    "articlelint.reporting.sarif": None,
    "articlelint.reporting.html": None,  # only for --format html
    "articlelint.reporting.compare": None,
    "jinja2": None,
    "markupsafe": None,
    "markdown_it": None,
    "articlelint.cache": None,  # --no-cache (the alias of the moved module)
    "articlelint.engine.cache": None,  # --no-cache
    "articlelint.fixing": None,
    "articlelint.suppressions": None,  # an alias: nothing of articlelint imports it
    "dataclasses": None,  # value classes are NamedTuples / slotted classes (articlelint._values)
    "inspect": None,  # dataclasses imported it
    "articlelint.pipelines": None,  # records as data: only lint_records and the adapters
    "articlelint.loading.jsontree": None,  # only for JSON files
    "sqlite3": None,
    "pyarrow": None,
    "pandas": None,
    "dask": None,
    "pyspark": None,
}


def clean_env() -> dict[str, str]:
    """The environment for ``python -S``: no .pth files, which may import anything at
    start-up, so every environment checks the same thing; site-packages go on the path."""
    import site

    from tests.conftest import ROOT

    path = [str(ROOT / "src"), *site.getsitepackages(), site.getusersitepackages()]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(path)}


@pytest.fixture(scope="module")
def one_file_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    import json
    import subprocess

    from tests.conftest import VALID

    folder = tmp_path_factory.mktemp("one-file")
    (folder / "a.md").write_text(VALID, encoding="utf-8")
    env = clean_env()
    for _ in range(2):  # the first run fills the user cache (XDG_CACHE_HOME: see conftest)
        proc = subprocess.run(
            [sys.executable, "-S", "-c", ONE_FILE_RUN],
            cwd=folder,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr
    report: dict[str, object] = json.loads((folder / "modules.json").read_text())
    return report


def test_one_file_run_is_clean_and_uses_the_cached_suffix_list(
    one_file_run: dict[str, object],
) -> None:
    assert one_file_run["status"] == 0
    assert one_file_run["parses"] == 0
    assert "publicsuffixlist" in one_file_run["new"]  # the rules did run


@pytest.mark.parametrize(
    "module",
    [
        pytest.param(name, marks=pytest.mark.xfail(reason=why, strict=False)) if why else name
        for name, why in HEAVY.items()
    ],
)
def test_one_file_run_does_not_import(one_file_run: dict[str, object], module: str) -> None:
    assert module not in one_file_run["new"]  # type: ignore[operator]


def test_finding_plugins_does_not_import_importlib_metadata() -> None:
    import subprocess

    code = (
        "import sys\n"
        "from articlelint.rules._entry_points import entry_points\n"
        "entry_points('articlelint.rules')\n"
        "assert 'importlib.metadata' not in sys.modules, 'imported'\n"
    )
    proc = subprocess.run(
        [sys.executable, "-S", "-c", code],
        env=clean_env(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr


@pytest.mark.parametrize("columns", [None, "0", "50", "132", "junk"])
def test_help_is_as_wide_as_argparse_makes_it(
    monkeypatch: pytest.MonkeyPatch, columns: str | None
) -> None:
    import argparse

    from articlelint import cli

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert cli._HelpFormatter("articlelint")._width == argparse.HelpFormatter("x")._width


def test_a_warm_run_parses_no_yaml_and_validates_nothing(tmp_path: Path) -> None:
    import subprocess

    from tests.conftest import VALID

    (tmp_path / "a.md").write_text(VALID.replace("published: true", "published: nope"))
    code = (
        "import sys\n"
        "from articlelint.cli import main\n"
        "status = main(['--cache-dir', 'cache', '--format', 'concise', 'a.md'])\n"
        "heavy = ('yaml', 'pydantic', 'dataclasses', 'inspect')\n"
        "loaded = sorted(m for m in heavy if m in sys.modules)\n"
        "print(status, loaded)\n"
    )
    runs = [
        subprocess.run(
            [sys.executable, "-S", "-c", code],
            cwd=tmp_path,
            env=clean_env(),
            capture_output=True,
            text=True,
            check=True,
        ).stdout.splitlines()
        for _ in range(2)
    ]
    finding = "a.md:11:12: AL404 `published` must be `true` or `false`, found 'nope' [published]"
    cold, warm = runs
    # The invalid record went through the models: pydantic (which imports dataclasses).
    # The compiled loader parses it without PyYAML; the pure-Python one imports it.
    from articlelint.loading import yamltree

    pyyaml = [] if yamltree._yamlc is not None else ["yaml"]
    assert cold[-1] == f"1 {['dataclasses', 'inspect', 'pydantic', *pyyaml]}"
    assert warm[-1] == "1 []"  # served from the cache: nothing parsed, nothing validated
    assert cold[:-1] == warm[:-1] == [finding]


def test_the_importlib_metadata_backport_does_not_stop_the_scan(tmp_path: Path) -> None:
    """Dask imports the `importlib_metadata` backport, which takes over the standard
    library's distribution finder: plugins are still found by the scan, as importlib finds
    them (the pipeline extras bring it in)."""
    pytest.importorskip("importlib_metadata")
    import importlib_metadata  # noqa: F401  (installs its finder, as Dask's import does)

    assert _entry_points._scan("console_scripts") is not None
    assert scanned("console_scripts") == metadata_entry_points("console_scripts")


# ---------------------------------------------------------------- the collector at start-up


def _run_command(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> int:
    """`articlelint.__main__.run` (the command and `python -m articlelint`) in process,
    undoing what a one-shot process does to the collector (gc.freeze) afterwards."""
    import gc

    from articlelint import __main__ as command

    monkeypatch.setattr(sys, "argv", ["articlelint", *argv])
    try:
        return command.run()
    finally:
        gc.unfreeze()


def test_the_command_checks_records_with_the_collector_on(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Start-up runs with the cyclic collector off (it finds nothing there); records are
    checked with it on, and it is on when the command returns."""
    import gc

    from articlelint.engine.linter import Linter

    during: list[bool] = []
    original = Linter.render_paths

    def spy(self: Linter, *args: object, **kwargs: object) -> object:
        during.append(gc.isenabled())
        return original(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Linter, "render_paths", spy)
    import articlelint.cli

    at_start_up: list[bool] = []
    warn_plugins = articlelint.cli._warn_plugins  # builds the rule registry

    def start_up_spy() -> None:
        at_start_up.append(gc.isenabled())
        warn_plugins()

    monkeypatch.setattr(articlelint.cli, "_warn_plugins", start_up_spy)
    from tests.conftest import ROOT

    seed = ROOT / "seeds" / "valid" / "2022-06-21-microsoft-to-curtail-facial-recognition.md"
    assert _run_command(monkeypatch, ["--no-cache", str(seed)]) == 0
    assert at_start_up == [False]
    assert during == [True]
    assert gc.isenabled()
    assert "All checks passed" in capsys.readouterr().out


def test_the_language_server_runs_with_the_collector_on(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    pytest.importorskip("pygls", reason="the server extra is not installed")
    import articlelint.server

    during: list[bool] = []
    monkeypatch.setattr(articlelint.server, "main", lambda argv: during.append(gc.isenabled()) or 0)
    assert _run_command(monkeypatch, ["server"]) == 0
    assert during == [True]


def test_the_console_script_is_the_command() -> None:
    from tests.conftest import ROOT

    pyproject = (ROOT / "pyproject.toml").read_text("utf-8")
    scripts = pyproject.split("[project.scripts]\n", 1)[1].split("\n\n", 1)[0]
    assert scripts == 'articlelint = "articlelint.__main__:run"'


def test_installs_side_by_side_keep_their_own_cache_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two installs (pre-commit's environment and a project's) alternating runs: each
    parses the list once, then both are served, never overwriting each other's file."""
    cache = tmp_path / "cache"
    calls = parses(monkeypatch)
    for version in ("1.0.0", "2.0.0", "1.0.0", "2.0.0", "1.0.0"):
        monkeypatch.setattr(publicsuffixlist, "__version__", version)
        assert vars(load_public_suffix_list(cache)) == vars(FRESH)
    assert len(calls) == 2
    assert len(list(cache.iterdir())) == 2


def test_old_layouts_are_removed_and_at_most_eight_files_are_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "public-suffix-list.marshal").write_bytes(b"old")
    (cache / "public-suffix-list.txt").write_bytes(b"old")
    (cache / "unrelated.txt").write_bytes(b"not ours")
    for n in range(10):
        monkeypatch.setattr(publicsuffixlist, "__version__", f"{n}.0")
        load_public_suffix_list(cache)
        os.utime(cache / cache_file_name(_suffixes._cache_key() or []), ns=(n, n))
    names = sorted(p.name for p in cache.iterdir())
    kept = sorted(
        cache_file_name([f"{n}.0", *(_suffixes._cache_key() or [])[1:]]) for n in range(2, 10)
    )
    assert names == sorted([*kept, "unrelated.txt"])
