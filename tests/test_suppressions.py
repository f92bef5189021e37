"""Suppression comments, AL901 unused-suppression and --add-suppressions."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from articlelint import lint_paths, lint_text
from articlelint.cli import main
from articlelint.config import Config
from articlelint.fixing import add_suppressions
from tests.conftest import VALID, findings, own_web_url, replace_line

HTTP = 'webUrl: "http://www.siliconrepublic.com/enterprise/facial-recognition"'
HTTPS = 'webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"'
UNPUBLISHED = (
    "record has `published: false`, so the story will not be shown; "
    "set `published: true` when it is ready, or remove the record"
)
#: AL202 at 7:9 and AL401 at 11:12.
BAD = replace_line(replace_line(VALID, "published: true", "published: false"), HTTPS, HTTP)


def lint(text: str, config: Config | None = None) -> list[tuple[str, int, int, str | None]]:
    return findings(lint_text(text, "record.md", config).diagnostics)


def with_lines(text: str, **replacements: str) -> str:
    for old, new in replacements.items():
        text = replace_line(text, {"http": HTTP, "published": "published: false"}[old], new)
    return text


def test_unsuppressed_baseline() -> None:
    assert lint(BAD) == [("AL202", 7, 9, "webUrl"), ("AL401", 11, 12, "published")]


@pytest.mark.parametrize(
    "comment",
    [
        "# articlelint: ignore[AL202]",
        "# articlelint: ignore[insecure-url]",
        "#articlelint:ignore[ AL202 , AL202 ]",
        "# articlelint: ignore",
    ],
)
def test_line_suppression_silences_only_that_line(comment: str) -> None:
    text = with_lines(BAD, http=f"{HTTP}  {comment}")
    assert lint(text) == [("AL401", 11, 12, "published")]


def test_comma_separated_codes_and_names() -> None:
    text = with_lines(
        BAD,
        http=f"{HTTP} # articlelint: ignore[AL202]",
        published="published: false # articlelint: ignore[unpublished-record, AL401]",
    )
    assert lint(text) == []


def test_file_suppression_anywhere_in_the_front_matter() -> None:
    text = replace_line(BAD, "topics:", "# articlelint: ignore-file[AL401]\ntopics:")
    assert lint(text) == [("AL202", 7, 9, "webUrl")]
    text = replace_line(BAD, "topics:", "topics:  # articlelint: ignore-file")
    assert lint(text) == []


def test_hash_inside_values_is_not_a_comment() -> None:
    text = with_lines(
        BAD,
        http='webUrl: "http://www.siliconrepublic.com/x # articlelint: ignore[AL202]"',
        published="published: false #articlelint: ignore[AL401]",
    )
    text = replace_line(
        text,
        'originalUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"',
        "originalUrl: https://www.siliconrepublic.com/x#articlelint:ignore[AL202]",
    )
    # The quoted one is part of a URL, the glued one a plain URL's fragment; the comment
    # after `false` is a real one (a blank is not required after `#`). The quoted URL
    # now holds blanks, which unsafe-url-characters reports.
    assert lint(text) == [("AL202", 7, 9, "webUrl"), ("AL203", 7, 9, "webUrl")]


def test_block_scalar_header_comment_counts_but_its_body_does_not() -> None:
    text = replace_line(
        BAD,
        'excerpt: "Microsoft is retiring some face analysis features."',
        "excerpt: |  # articlelint: ignore[AL401]\n  # articlelint: ignore-file\n  body",
    )
    # Line 4 is the header: its suppression is unused (no AL401 there); the body is text.
    assert lint(text) == [
        ("AL901", 4, 13, None),
        ("AL202", 9, 9, "webUrl"),
        ("AL401", 13, 12, "published"),
    ]


def test_unused_suppressions_are_reported_with_fixes() -> None:
    text = with_lines(
        VALID.replace("published: true", "published: false"),
    )
    text = replace_line(text, HTTPS, f"{HTTPS}  # articlelint: ignore[AL202]")
    text = replace_line(text, "quality: 70", "quality: 70  # articlelint: ignore")
    text = replace_line(
        text, "published: false", "published: false  # articlelint: ignore[AL401, AL202]"
    )
    text = replace_line(text, "heat: 70", "heat: 70  # articlelint: ignore[AL999]")
    text = replace_line(text, "topics:", "topics:  # articlelint: ignor[AL401]")
    result = lint_text(text, "record.md")
    assert [(d.code, d.line, d.column, d.message) for d in result.diagnostics] == [
        (
            "AL901",
            7,
            74,
            "unused suppression: no AL202 finding on this line; remove the comment",
        ),
        (
            "AL901",
            9,
            14,
            "unused suppression: nothing is reported on this line; remove the comment",
        ),
        (
            "AL901",
            10,
            11,
            "unknown rule 'AL999' (did you mean 'AL901'?) in suppression; "
            "`articlelint rules` lists the codes and names",
        ),
        (
            "AL901",
            11,
            19,
            "unused suppression: no AL202 finding on this line; remove AL202 from the comment",
        ),
        (
            "AL901",
            17,
            10,
            "unrecognised directive `# articlelint: ignor[AL401]`; write "
            "`# articlelint: ignore[CODE]` or `# articlelint: ignore-file[CODE]`",
        ),
    ]
    assert all(
        d.severity.value == "warning" and d.name == "unused-suppression" for d in result.diagnostics
    )
    partial = result.diagnostics[3]
    assert partial.fix is not None
    (edit,) = partial.fix.edits
    assert (text[edit.start : edit.end], edit.content) == (
        "# articlelint: ignore[AL401, AL202]",
        "# articlelint: ignore[AL401]",
    )
    unused = result.diagnostics[0]
    assert unused.fix is not None
    assert unused.fix.edits[0].content == ""
    # The blanks before the comment go with it: no trailing white space is left behind.
    assert text[unused.fix.edits[0].start : unused.fix.edits[0].end] == (
        "  # articlelint: ignore[AL202]"
    )


def test_suppressing_a_rule_that_is_not_enabled_is_unused() -> None:
    text = with_lines(BAD, http=f"{HTTP}  # articlelint: ignore[AL202]")
    assert [
        (d.code, d.line, d.message)
        for d in lint_text(text, "r.md", Config(ignore=["AL202"])).diagnostics
    ] == [
        (
            "AL901",
            7,
            "unused suppression: no AL202 finding on this line (AL202 not enabled); "
            "remove the comment",
        ),
        ("AL401", 11, UNPUBLISHED),
    ]


def test_al901_itself_can_be_ignored() -> None:
    text = replace_line(VALID, "quality: 70", "quality: 70  # articlelint: ignore[AL401]")
    assert lint(text) == [("AL901", 9, 14, None)]
    assert lint(text, Config(ignore=["AL901"])) == []
    assert lint(text, Config(per_file_ignores={"*.md": ["unused-suppression"]})) == []
    both = replace_line(VALID, "quality: 70", "quality: 70  # articlelint: ignore[AL401, AL901]")
    assert lint(both) == []
    assert lint(replace_line(text, "topics:", "topics:  # articlelint: ignore-file[AL901]")) == []


def test_suppressions_through_the_cli(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(with_lines(BAD, published="published: false  # articlelint: ignore[AL401]"))
    out = io.StringIO()
    assert main(["--format", "concise", str(path)], stdout=out) == 0
    assert out.getvalue() == (
        f"{path}:7:9: AL202 URL uses insecure `http://`; use `https://` if the site serves it "
        "[webUrl]\n"
    )


# --- --add-suppressions ---------------------------------------------------------------


def test_add_suppressions_is_byte_exact_elsewhere_and_keeps_crlf(tmp_path: Path) -> None:
    multi = replace_line(
        BAD, 'title: "Microsoft restricts facial recognition tech"', 'title: "A\n  title" # note'
    )
    multi = replace_line(multi, "heat: 70", "heat: 70   ")  # trailing blanks stay after
    original = multi.replace("\n", "\r\n").encode("utf-8")
    path = tmp_path / "a.md"
    path.write_bytes(original)
    other = tmp_path / "clean.md"
    clean = own_web_url(VALID, "other")  # another story, not a duplicate (AL509)
    other.write_bytes(clean.encode("utf-8"))
    before = lint_paths([tmp_path])
    assert [(d.code, d.line) for d in before.diagnostics] == [("AL202", 8), ("AL401", 12)]
    outcome = add_suppressions(before)
    assert (outcome.added, outcome.files, outcome.skipped) == (2, 1, 0)
    expected = original.replace(
        HTTP.encode() + b"\r\n", HTTP.encode() + b"  # articlelint: ignore[AL202]\r\n"
    ).replace(b"published: false\r\n", b"published: false  # articlelint: ignore[AL401]\r\n")
    assert path.read_bytes() == expected
    assert other.read_bytes() == clean.encode("utf-8")
    assert lint_paths([tmp_path]).diagnostics == []


def test_add_suppressions_merges_and_falls_back_to_ignore_file(tmp_path: Path) -> None:
    text = with_lines(BAD, published="published: false  # articlelint: ignore[AL202]")
    text = replace_line(text, HTTP, 'webUrl: "http://www.siliconrepublic.com/\\\n  x"')
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    assert main(["--add-suppressions", str(path)], stdout=out) == 0
    assert out.getvalue() == "Added 2 suppressions to 1 file.\n"
    new = path.read_text(encoding="utf-8")
    # The URL spans two lines, so a comment cannot go after it: the file gets ignore-file.
    assert new == text.replace("---\n", "---\n# articlelint: ignore-file[AL202]\n", 1).replace(
        "published: false  # articlelint: ignore[AL202]",
        "published: false  # articlelint: ignore[AL202, AL401]",
    )
    # Only the stale AL202 that was already on the `published` line remains.
    assert [(d.code, d.line, d.message) for d in lint_paths([path]).diagnostics] == [
        (
            "AL901",
            13,
            "unused suppression: no AL202 finding on this line; remove AL202 from the comment",
        )
    ]


def test_add_suppressions_skips_files_that_do_not_load(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text("no front matter\n", encoding="utf-8")
    outcome = add_suppressions(lint_paths([path]))
    assert (outcome.added, outcome.files, outcome.skipped) == (0, 0, 1)
    assert path.read_text(encoding="utf-8") == "no front matter\n"


def test_removing_a_whole_line_suppression_removes_the_line() -> None:
    from articlelint import fix_text

    text = replace_line(VALID, "heat: 70", "heat: 70\r# articlelint: ignore-file[AL401]")
    text = text.replace("\r", "\n").replace("\n", "\r\n")
    fixed, result = fix_text(text)
    assert fixed == VALID.replace("\n", "\r\n")
    assert result.diagnostics == []


# --- --add-suppressions on what a first run meets (issue 12) --------------------------


def add(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--no-cache", "--add-suppressions", *args], stdout=out)
    return code, out.getvalue()


def test_unknown_names_in_an_existing_comment_are_replaced_and_a_rerun_adds_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = with_lines(BAD, published="published: false  # articlelint: ignore[AL999]")
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    assert [(d.code, d.line) for d in lint_paths([path]).diagnostics] == [
        ("AL202", 7),
        ("AL401", 11),  # the comment names no rule: it silences nothing
        ("AL901", 11),
    ]
    assert add(str(path)) == (0, "Added 2 suppressions to 1 file.\n")
    expected = with_lines(
        BAD,
        http=HTTP + "  # articlelint: ignore[AL202]",
        published="published: false  # articlelint: ignore[AL401]",
    )
    assert path.read_text(encoding="utf-8") == expected
    assert lint_paths([path]).diagnostics == []
    assert add(str(path)) == (
        0,
        "No suppressions to add: no finding that a comment can silence.\n",
    )
    assert path.read_text(encoding="utf-8") == expected


def test_a_misspelt_name_gets_a_suggestion_then_is_replaced(tmp_path: Path) -> None:
    text = with_lines(
        BAD, published="published: false  # articlelint: ignore[insecure-url, unpublised-record]"
    )
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    out = io.StringIO()
    assert (
        main(["--no-cache", "--format", "concise", "--select", "AL901", str(path)], stdout=out) == 0
    )
    assert out.getvalue() == (
        f"{path}:11:19: AL901 unknown rule 'unpublised-record' (did you mean "
        "'unpublished-record'?) in suppression; `articlelint rules` lists the codes and names\n"
    )
    assert add(str(path))[0] == 0
    # Known names stay as written; the unknown one goes; the finding's code is added.
    assert path.read_text(encoding="utf-8") == with_lines(
        BAD,
        http=HTTP + "  # articlelint: ignore[AL202]",
        published="published: false  # articlelint: ignore[insecure-url, AL401]",
    )
    # What is left is the honest report that insecure-url silences nothing there.
    assert [(d.code, d.line) for d in lint_paths([path]).diagnostics] == [("AL901", 11)]


def test_an_existing_ignore_file_comment_is_merged_into(tmp_path: Path) -> None:
    text = replace_line(BAD, HTTP, 'webUrl: "http://www.siliconrepublic.com/\\\n  x"')
    text = text.replace("---\n", "---\n# articlelint: ignore-file[AL99]\n", 1)
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    assert add(str(path)) == (0, "Added 2 suppressions to 1 file.\n")
    assert path.read_text(encoding="utf-8") == text.replace(
        "# articlelint: ignore-file[AL99]", "# articlelint: ignore-file[AL202]"
    ).replace("published: false\n", "published: false  # articlelint: ignore[AL401]\n")
    assert lint_paths([path]).diagnostics == []


def test_lines_after_non_ascii_multi_line_values_still_take_comments(tmp_path: Path) -> None:
    # Offsets are characters: a multi-line title full of multi-byte characters before the
    # findings must not shift where a comment can go.
    title = 'title: "Caf\u00e9 \U0001f389 na\u00efve \u2014 \u00e9t\u00e9\n  r\u00e9sum\u00e9"'
    text = replace_line(BAD, 'title: "Microsoft restricts facial recognition tech"', title)
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    assert add(str(path)) == (0, "Added 2 suppressions to 1 file.\n")
    new = path.read_text(encoding="utf-8")
    assert f"{HTTP}  # articlelint: ignore[AL202]\n" in new
    assert "published: false  # articlelint: ignore[AL401]\n" in new
    assert "ignore-file" not in new
    assert lint_paths([path]).diagnostics == []


def test_add_suppressions_from_stdin_writes_the_record_to_stdout(tmp_path: Path) -> None:
    import subprocess
    import sys

    def through(data: bytes, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "articlelint", "--no-cache", "--add-suppressions", *args],
            input=data,
            capture_output=True,
            cwd=tmp_path,
            check=False,
        )

    proc = through(BAD.replace("\n", "\r\n").encode(), "--stdin-filename", "story.md", "-")
    assert proc.returncode == 0
    assert (
        proc.stdout
        == with_lines(
            BAD,
            http=HTTP + "  # articlelint: ignore[AL202]",
            published="published: false  # articlelint: ignore[AL401]",
        )
        .replace("\n", "\r\n")
        .encode()
    )
    assert proc.stderr == b"Added 2 suppressions to 1 file.\n"
    # Nothing to add: the record comes back unchanged.
    proc = through(proc.stdout, "-")
    assert (proc.returncode, proc.stderr) == (
        0,
        b"No suppressions to add: no finding that a comment can silence.\n",
    )
    # A record that does not load is echoed byte for byte, and said to be unsuppressible.
    proc = through(b"no front matter\n", "-")
    assert proc.stdout == b"no front matter\n"
    assert proc.stderr == (
        b"No suppressions to add: no finding that a comment can silence; 1 finding cannot "
        b"be suppressed (files that do not load).\n"
    )


def test_in_parallel_the_same_as_in_one_process(tmp_path: Path) -> None:
    texts = {}
    for i in range(70):
        text = own_web_url(BAD, str(i))
        if i % 7 == 0:  # some that need an ignore-file comment
            text = replace_line(
                text, f'{HTTP[:-1]}-{i}"', f'webUrl: "http://www.siliconrepublic.com/\\\n  {i}"'
            )
        texts[f"r{i:02}.md"] = text
    runs = {}
    for jobs in (1, 2):
        folder = tmp_path / str(jobs)
        folder.mkdir()
        for name, text in texts.items():
            (folder / name).write_text(text, encoding="utf-8")
        outcome = add_suppressions(lint_paths([folder]), jobs=jobs)
        runs[jobs] = (outcome, {p.name: p.read_bytes() for p in folder.iterdir()})
        assert lint_paths([folder]).diagnostics == []
    assert runs[1] == runs[2]
    assert runs[2][0][:3] == (140, 70, 0)


def test_the_shared_corpus_suppressed_lints_clean_and_reads_the_same(tmp_path: Path) -> None:
    """On real records: every finding a comment can silence is silenced, nothing else is
    reported, the data of every record is unchanged, and a second run adds nothing."""
    from tests.conftest import CORPUS

    if not CORPUS.is_dir():
        pytest.skip(f"shared corpus not found at {CORPUS}")
    from articlelint.loading import Document, load_path

    sample = sorted(CORPUS.rglob("*.md"))[::3]
    for index, source in enumerate(sample):
        (tmp_path / f"{index:04}-{source.name}").write_bytes(source.read_bytes())
    before = {p.name: load_path(p) for p in tmp_path.iterdir()}
    first = lint_paths([tmp_path])
    assert len(first.diagnostics) > 100
    outcome = add_suppressions(first)
    assert outcome.added > 100
    after = lint_paths([tmp_path])
    assert after.diagnostics == []
    for path in tmp_path.iterdir():
        old, new = before[path.name], load_path(path)
        assert isinstance(old, Document)
        assert isinstance(new, Document)
        assert new.data == old.data, path
    assert add_suppressions(after)[:3] == (0, 0, 0)
