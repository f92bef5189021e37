"""The command line: exact text and JSON output, exit codes, rules/schema/explain."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

from articlelint import __version__
from articlelint.cli import main
from tests.conftest import ROOT, SEED, VALID, replace_line


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(list(args), stdout=out)
    return code, out.getvalue()


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return str(path)


def test_text_output_for_the_seed() -> None:
    code, out = run(str(SEED))
    assert code == 0
    assert out == (
        f"{SEED}:11:12: AL401 record is withdrawn (`published: false` with `heat: -1`), so the "
        "story is not shown; nothing to change if that is intended, or delete the record "
        "[published]\n"
        "   |\n"
        "11 | published: false\n"
        "   |            ^^^^^\n"
        f"{SEED}:60:14: AL601 [*] `related[2].excerpt` has trailing white space (line break); "
        "remove it [related[2].excerpt]\n"
        "   |\n"
        '60 |     excerpt: "The post Microsoft\u2019s framework for building AI systems '
        'responsibly appeared first on The AI Blog.\\n"\n'
        "   |              " + "^" * 101 + "\n"
        "\n"
        "Found 2 problems (1 warning, 1 info) in 1 of 1 file. 1 fixable with --fix.\n"
    )


def test_clean_run(tmp_path: Path) -> None:
    code, out = run(write(tmp_path, "a.md", VALID))
    assert (code, out) == (0, "All checks passed: 1 file checked, no problems.\n")


def test_errors_exit_1_and_json_shape(tmp_path: Path) -> None:
    bad = write(tmp_path, "bad.md", replace_line(VALID, "type: article", "type: [blog]"))
    code, out = run("--format", "json", bad)
    assert code == 1
    payload = json.loads(out)
    assert payload == {
        "version": __version__,
        "files_checked": 1,
        "diagnostics": [
            {
                "code": "AL103",
                "name": "wrong-type",
                "severity": "error",
                "message": "`type` should be text, found a list",
                "path": bad,
                "line": 8,
                "column": 7,
                "end_line": 8,
                "end_column": 13,
                "field": "type",
                "fix": None,
            }
        ],
        "summary": {"error": 1, "warning": 0, "info": 0},
    }


def test_fail_on_and_exit_zero() -> None:
    assert run("--fail-on", "warning", str(SEED))[0] == 1
    assert run("--fail-on", "warning", "--exit-zero", str(SEED))[0] == 0
    assert run("--ignore", "AL401,AL601", "--fail-on", "info", str(SEED))[0] == 0


def test_usage_errors_exit_2(capsys: object) -> None:
    assert run("--format", "xml", str(SEED))[0] == 2
    assert run("--select", "AL999", str(SEED))[0] == 2
    assert run("--no-such-flag", str(SEED))[0] == 2
    assert run("--explain", "AL999")[0] == 2


def test_schema_flag(tmp_path: Path) -> None:
    schema = write(tmp_path, "s.json", json.dumps({"properties": {"quality": {"maximum": 50}}}))
    code, out = run("--schema", schema, "--select", "AL100", "--format", "json", str(SEED))
    assert code == 1
    assert [
        (d["code"], d["line"], d["column"], d["field"]) for d in json.loads(out)["diagnostics"]
    ] == [("AL100", 9, 10, "quality")]
    assert run("--schema", str(tmp_path / "missing.json"), str(SEED))[0] == 2
    bad = write(tmp_path, "bad.json", '{"type": 12}')
    assert run("--schema", bad, str(SEED))[0] == 2


def test_rules_explain_and_schema_commands() -> None:
    code, out = run("rules")
    assert code == 0
    assert out.splitlines()[0].split() == ["CODE", "NAME", "SEVERITY", "FIX", "SUMMARY"]
    assert any(line.startswith("AL401  unpublished-record") for line in out.splitlines())
    code, out = run("--explain", "unpublished-record")
    assert code == 0
    assert out.startswith("# unpublished-record (AL401)\n\nDefault severity: info.")
    for heading in ("## What it does", "## Why is this bad?", "## Example", "## Use instead"):
        assert heading in out
    code, out = run("--explain", "AL306")
    assert out.startswith(
        "# related-date-gap (AL306)\n\nDefault severity: info (off by default: "
        "`--extend-select AL306`). No automatic fix.\n"
    )
    code, out = run("schema")
    assert code == 0
    assert json.loads(out)["title"] == "News record"


def test_python_dash_m_entry_point() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "articlelint", "seeds/000_8ac51e9a64c34fd8.txt"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0
    assert proc.stdout.startswith("seeds/000_8ac51e9a64c34fd8.txt:11:12: AL401 ")


def test_main_called_in_process_leaves_the_garbage_collector_alone(tmp_path: Path) -> None:
    import gc

    (tmp_path / "a.md").write_text(VALID, encoding="utf-8")
    frozen = gc.get_freeze_count()
    assert main(["--no-cache", str(tmp_path / "a.md")], stdout=io.StringIO()) == 0
    assert gc.get_freeze_count() == frozen  # only a real program run freezes start-up
