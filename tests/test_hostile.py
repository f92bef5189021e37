"""Hostile input, one attack at a time: never crash, never hang, never lose a file."""

from __future__ import annotations

import io
import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from articlelint import Config, lint_paths, lint_record, lint_text
from articlelint.cli import main
from articlelint.loading import Document, LoadError, load_path, load_text, yamltree
from articlelint.rules import registry
from tests.conftest import VALID, findings
from tests.invariants import check_lint_result

NESTING = 120_000  # libyaml's C composer overflows the C stack around 100k levels


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("- " * NESTING + "x", 1, 131),
        ("[" * NESTING, 1, 66),
        ("[" * NESTING + "]" * NESTING, 1, 66),
        ("{a: " * NESTING, 1, 261),
        ("{a: " * NESTING + "1" + "}" * NESTING, 1, 261),
        ("[{" * NESTING, 1, 66),
        ("? " * NESTING, 1, 131),
        ("- " * 40 + "[" * NESTING, 1, 106),
        ("a:\n" + "".join(" " * i + "-\n" for i in range(1, 200)), 66, 66),
    ],
    ids=[
        "dashes",
        "brackets",
        "closed-brackets",
        "braces",
        "closed-braces",
        "mixed",
        "keys",
        "dashes-then-brackets",
        "block-dashes",
    ],
)
def test_deep_nesting_is_an_error_not_a_crash(text: str, line: int, column: int) -> None:
    for name, first in (("deep.yaml", 0), ("deep.md", 1)):
        wrapped = text if first == 0 else f"---\n{text}\n---\n"
        result = lint_text(wrapped, name)
        assert findings(result.diagnostics) == [("AL003", line + first, column, None)]
        assert "nesting deeper than 64 levels" in result.diagnostics[0].message


def test_block_indentation_nesting() -> None:
    text = "".join(" " * i + "a:\n" for i in range(200))
    assert findings(lint_text(text, "deep.yaml").diagnostics) == [("AL003", 66, 66, None)]


def test_nesting_without_libyaml_is_an_error_not_a_recursion_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """PyYAML's pure-Python composer recurses; below the pre-scan threshold it could
    still exceed Python's recursion limit."""
    monkeypatch.setattr(yamltree._pyyaml(), "Loader", yaml.SafeLoader)
    monkeypatch.setattr(sys, "getrecursionlimit", sys.getrecursionlimit)
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(400)
    try:
        loaded = load_text("[" * 1500 + "]" * 1500, "deep.yaml")
    finally:
        sys.setrecursionlimit(old)
    assert isinstance(loaded, LoadError)
    assert (loaded.code, loaded.message) == ("AL003", "nesting deeper than 64 levels")


def test_many_duplicate_keys_stay_linear() -> None:
    """Each duplicate used to rescan every position of the file (quadratic: 10,000
    duplicates after 10,000 keys took about a minute; now well under a second)."""
    n = 10_000
    text = "a:\n" + "".join(f"  k{i}: {i}\n" for i in range(n)) + "b: yes\n" * n
    loaded = load_text(text, "dup.yaml")
    assert isinstance(loaded, Document)
    assert len(loaded.duplicate_keys) == n - 1
    assert len(loaded.nodes) == n + 3
    assert [a.field for a in loaded.ambiguities] == [("b",)]  # replaced values forgotten
    assert loaded.nodes[("b",)].value.line == 2 * n + 1  # the last one wins


def test_duplicate_key_forgets_the_replaced_value() -> None:
    loaded = load_text("a: {x: yes, y: [on]}\nb: 1\na: {z: 2}\n", "d.yaml")
    assert isinstance(loaded, Document)
    assert sorted(loaded.nodes) == [(), ("a",), ("a", "z"), ("b",)]
    assert loaded.ambiguities == []


def test_one_huge_aliased_string_counts_against_the_alias_budget() -> None:
    text = "s: &s " + "x" * 1_000_000 + "\ntopics: [" + ", ".join(["*s"] * 100) + "]\n"
    loaded = load_text(text, "a.yaml")
    assert isinstance(loaded, LoadError)
    assert "billion laughs" in loaded.message
    short = load_text("s: &s abc\ntopics: [*s, *s]\n", "a.yaml")
    assert isinstance(short, Document)
    assert short.data["topics"] == ["abc", "abc"]


def test_lone_surrogates_in_text_are_al001() -> None:
    result = lint_text("---\ntitle: a\ud800\n---\n", "s.md")
    assert findings(result.diagnostics) == [("AL001", 2, 9, None)]


def test_special_files_are_reported_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)  # reading it would block forever: no writer
    sock_path = tmp_path / "sock.md"
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(sock_path))
    try:
        result = lint_paths([tmp_path, "/dev/null"])
    finally:
        server.close()
    assert result.files == ["/dev/null", str(fifo), str(sock_path)]
    messages = {d.path: (d.code, d.message) for d in result.diagnostics}
    assert messages["/dev/null"][1].startswith("is a character device, not a regular file")
    assert messages[str(fifo)][1].startswith("is a named pipe (FIFO), not a regular file")
    assert messages[str(sock_path)][0] == "AL001"


def test_unreadable_file_is_al001(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "secret.md"
    target.write_text(VALID)
    real_open = os.open

    def deny(path: Any, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path) == str(target):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    result = lint_paths([tmp_path])
    assert result.files == [str(target)]
    assert [(d.code, d.message) for d in result.diagnostics] == [
        ("AL001", "cannot read file: Permission denied")
    ]


def test_unreadable_directory_is_al001(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "ok.md").write_text(VALID)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "hidden.md").write_text(VALID)
    real_scandir = os.scandir

    def deny(path: Any = ".") -> Any:
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", deny)
    result = lint_paths([tmp_path])
    assert result.files == [str(locked), str(tmp_path / "ok.md")]
    assert findings(result.diagnostics) == [("AL001", 1, 1, None)]
    assert result.diagnostics[0].message == "cannot read directory: Permission denied"
    assert result.exit_code == 1


def test_symlink_loops_end_and_links_are_reported(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x.md").write_text(VALID)
    (tmp_path / "a" / "loop").symlink_to(tmp_path)  # a/loop -> root: a cycle
    (tmp_path / "a" / "self").symlink_to(".")  # a/self -> a
    (tmp_path / "broken.md").symlink_to(tmp_path / "nowhere.md")
    (tmp_path / "ping.md").symlink_to(tmp_path / "pong.md")
    (tmp_path / "pong.md").symlink_to(tmp_path / "ping.md")
    result = lint_paths([tmp_path])
    root = str(tmp_path)
    assert result.files == [
        f"{root}/a/loop",
        f"{root}/a/self",
        f"{root}/a/x.md",
        f"{root}/broken.md",
        f"{root}/ping.md",
        f"{root}/pong.md",
    ]
    real = os.path.realpath(root)
    loop = "a folder that contains the link); remove the link, or exclude it"
    reasons = sorted((Path(d.path).name, d.code, d.message) for d in result.diagnostics)
    assert reasons == [
        ("broken.md", "AL001", "cannot read file: No such file or directory"),
        (
            "loop",
            "AL001",
            f"not followed: the folder is a symlink loop (`{root}` is `{real}`, {loop}",
        ),
        ("ping.md", "AL001", "cannot read file: Too many levels of symbolic links"),
        ("pong.md", "AL001", "cannot read file: Too many levels of symbolic links"),
        ("self", "AL001", f"not followed: the folder is a symlink loop (`.` is `{real}/a`, {loop}"),
    ]


def test_very_deep_directory_tree(tmp_path: Path) -> None:
    """Deeper than Python's recursion limit (os.walk recursed on Python < 3.12)."""
    levels = [str(tmp_path)]
    for _ in range(1100):  # (Path.mkdir(parents=True) and shutil.rmtree recurse)
        levels.append(levels[-1] + "/d")
        os.mkdir(levels[-1])
    record = Path(levels[-1]) / "x.md"
    record.write_text(VALID)
    try:
        result = lint_paths([tmp_path])
        assert result.files == [str(record)]
        assert result.diagnostics == []
    finally:
        record.unlink()
        for level in reversed(levels[1:]):
            os.rmdir(level)


def test_directory_named_like_a_file_is_walked(tmp_path: Path) -> None:
    folder = tmp_path / "x.md"
    folder.mkdir()
    (folder / "inner.md").write_text(VALID)
    assert lint_paths([folder]).files == [str(folder / "inner.md")]
    assert lint_paths([tmp_path]).files == [str(folder / "inner.md")]
    error = load_path(folder)
    assert isinstance(error, LoadError)
    assert error.message == "is a directory, not a file"


@pytest.fixture
def broken_rule(monkeypatch: pytest.MonkeyPatch) -> None:
    rule = registry().get("AL401")
    assert rule is not None

    def explode(record: Any, options: Any) -> Iterator[Any]:
        if record.data.get("title") == "boom":
            raise KeyError("kaboom")
        return iter(())

    monkeypatch.setattr(rule, "check", explode)


@pytest.mark.usefixtures("broken_rule")
def test_a_crashing_rule_is_al000_and_nothing_else_is_lost(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(VALID.replace('title: "Microsoft', 'title: "boom"\nx: "', 1))
    (tmp_path / "b.md").write_text(VALID.replace("type: article", "type: story"))
    result = lint_paths([tmp_path])
    assert result.files == [str(tmp_path / "a.md"), str(tmp_path / "b.md")]
    codes = [(Path(d.path).name, d.code) for d in result.diagnostics]
    assert ("a.md", "AL000") in codes
    assert ("a.md", "AL102") in codes  # the other rules still ran on that file
    assert ("b.md", "AL106") in codes  # and on the other files
    (internal,) = [d for d in result.diagnostics if d.code == "AL000"]
    assert internal.message.startswith("rule AL401 (unpublished-record) crashed: KeyError:")
    assert (internal.line, internal.column) == (1, 1)  # inside the file
    assert result.exit_code == 2
    out = io.StringIO()
    assert main([str(tmp_path), "--exit-zero"], stdout=out) == 2
    assert "AL106" in out.getvalue()
    assert main([str(tmp_path), "--select", "AL401"], stdout=io.StringIO()) == 2  # AL000 too


def test_a_crashing_loader_is_al000_for_that_file_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import articlelint.engine.check as engine

    (tmp_path / "a.md").write_text(VALID)
    (tmp_path / "b.md").write_text(VALID.replace("published: true", "published: false"))
    real = engine.load_bytes

    def flaky(data: bytes, path: str) -> Any:
        if path.endswith("a.md"):
            raise MemoryError("simulated")
        return real(data, path)

    monkeypatch.setattr(engine, "load_bytes", flaky)
    result = lint_paths([tmp_path], Config(select=["AL4"]))
    assert [(Path(d.path).name, d.code) for d in result.diagnostics] == [
        ("a.md", "AL000"),
        ("b.md", "AL401"),
    ]
    assert result.diagnostics[0].message == (
        "loading crashed: MemoryError: simulated. Please report this."
    )
    assert result.exit_code == 2


def test_lint_record_with_a_non_mapping() -> None:
    for value in ([1, 2], "text", None, 3):
        result = lint_record(value)  # type: ignore[arg-type]
        assert findings(result.diagnostics) == [("AL103", 0, 0, None)]
        assert result.files == ["<record>"]


def test_nothing_touches_the_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("network access")

    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    result = lint_paths([Path(__file__).parent.parent / "seeds"])
    assert result.internal_errors == 0
    assert result.files_checked > 1


class _Stdin:
    def __init__(self, data: bytes) -> None:
        self.buffer = io.BytesIO(data)


@pytest.mark.parametrize(
    ("args", "data", "expected"),
    [
        (["-"], VALID.encode(), ""),
        (["-"], b"title: x\n", "<stdin>:1:1: AL002 "),
        (["--stdin-filename", "story.yaml", "-"], b"title: [\n", "story.yaml:2:1: AL003 "),
        (["--stdin-filename", "story.md"], b"---\npublished: no\n---\n", "story.md:2:12: AL404"),
        (["-"], b"---\ntitle: caf\xe9\n---\n", "<stdin>:2:11: AL001 not valid UTF-8"),
    ],
)
def test_stdin(
    monkeypatch: pytest.MonkeyPatch, args: list[str], data: bytes, expected: str
) -> None:
    monkeypatch.setattr(sys, "stdin", _Stdin(data))
    out = io.StringIO()
    code = main(args, stdout=out)
    assert code == (1 if expected else 0)
    assert expected in out.getvalue()


def test_stdin_over_the_size_limit() -> None:
    result = lint_paths(["-"], Config(max_file_size=10), stdin=io.BytesIO(VALID.encode()))
    assert result.files == ["<stdin>"]
    assert [d.message for d in result.diagnostics] == [
        "input is larger than the 10-byte limit; raise `max-file-size` to check it"
    ]


@pytest.mark.parametrize("name", ["-leading dash.md", "with space.md", "ünïcödé 記事.md", "--x.md"])
def test_awkward_file_names(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path(name).write_text(VALID.replace("published: true", "published: false"))
    out = io.StringIO()
    assert main(["--", name], stdout=out) == 0
    assert out.getvalue().startswith(f"{name}:11:12: AL401 ")
    result = lint_paths([name])
    check_lint_result(result, Path(name).read_text(), name)


@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_output_to_a_narrow_terminal_never_crashes(tmp_path: Path, encoding: str) -> None:
    """Findings quote keys and paths; an ASCII or Latin-1 stdout must not crash the run."""
    import subprocess

    record = tmp_path / "récit 😀.md"
    record.write_text("---\ntitle: x\nkéy😀: 1\n---\n", encoding="utf-8")
    src = Path(__file__).resolve().parent.parent / "src"
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONPATH": str(src)}
    run = subprocess.run(
        [sys.executable, "-m", "articlelint", "--format", "text", "--", str(record)],
        capture_output=True,
        env=env,
        check=False,
    )
    assert run.returncode == 1, run.stderr
    assert b"AL102" in run.stdout
    assert b"\\U0001f600" in run.stdout  # escaped, not a UnicodeEncodeError


def test_a_crash_reading_suppressions_is_al000(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import articlelint.engine.check as engine

    def explode(document: Any) -> Any:
        raise ValueError("bad comment")

    monkeypatch.setattr(engine, "parse_suppressions", explode)
    (tmp_path / "a.md").write_text(VALID.replace("published: true", "published: false"))
    result = lint_paths([tmp_path])
    assert [(d.code, d.message) for d in result.diagnostics] == [
        (
            "AL000",
            "reading suppression comments crashed: ValueError: bad comment. Please report this.",
        ),
        ("AL401", result.diagnostics[1].message),
    ]
    assert result.exit_code == 2
