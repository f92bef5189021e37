"""Configuration files: discovery, every key, validation errors, and CLI flags on top."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from articlelint import lint_paths
from articlelint.cli import main
from articlelint.config import Config, discover_config, find_config, load_config
from articlelint.errors import ArticlelintError, ConfigError
from tests.conftest import VALID, own_web_url, replace_line

#: A record with AL401 (line 11) and AL202 (line 7).
BAD = replace_line(
    replace_line(VALID, "published: true", "published: false"),
    'webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"',
    'webUrl: "http://www.siliconrepublic.com/enterprise/facial-recognition"',
)


def run(*args: str) -> tuple[int, str]:
    out = io.StringIO()
    code = main(["--format", "concise", *args], stdout=out)
    return code, out.getvalue()


def codes(out: str) -> list[str]:
    return [line.split(": ")[1].split()[0] for line in out.splitlines()]


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp/proj/news/{a,b}.md and tmp/proj/news/drafts/c.md, cwd = tmp (outside proj)."""
    root = tmp_path / "proj"
    (root / "news" / "drafts").mkdir(parents=True)
    for name in ("news/a.md", "news/b.md", "news/drafts/c.md"):
        text = BAD if name == "news/a.md" else own_web_url(BAD, name[-4])
        (root / name).write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return root


def write_config(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_pyproject_is_found_walking_up_from_the_checked_files(project: Path) -> None:
    write_config(project / "pyproject.toml", '[tool.articlelint]\nignore = ["AL401"]\n')
    code, out = run("proj/news/a.md")
    assert codes(out) == ["AL202"]
    assert code == 0  # AL202 is a warning
    result = lint_paths(["proj/news/a.md"], discover_config(["proj/news/a.md"]))
    assert [d.code for d in result.diagnostics] == ["AL202"]


def test_discovery_prefers_articlelint_toml_and_skips_pyproject_without_table(
    project: Path,
) -> None:
    write_config(project / "pyproject.toml", '[tool.articlelint]\nignore = ["AL401"]\n')
    write_config(project / "news" / "pyproject.toml", "[tool.black]\nline-length = 90\n")
    assert find_config(project / "news" / "a.md") == project / "pyproject.toml"
    write_config(project / ".articlelint.toml", 'ignore = ["insecure-url"]\n')
    assert find_config(project / "news") == project / ".articlelint.toml"
    assert codes(run("proj/news/a.md")[1]) == ["AL401"]


def test_explicit_config_file_and_isolated(project: Path, tmp_path: Path) -> None:
    write_config(project / "pyproject.toml", '[tool.articlelint]\nignore = ["AL401"]\n')
    other = write_config(tmp_path / "other.toml", 'select = ["AL401"]\n')
    assert codes(run("--config", str(other), "proj/news/a.md")[1]) == ["AL401"]
    assert codes(run("--isolated", "proj/news/a.md")[1]) == ["AL202", "AL401"]
    assert codes(run("--no-config", "proj/news/a.md")[1]) == ["AL202", "AL401"]
    assert load_config(other).select == ["AL401"]


def test_select_prefix_extend_select_ignore_and_flags_win(project: Path) -> None:
    write_config(
        project / "pyproject.toml",
        '[tool.articlelint]\nselect = ["AL2"]\nextend-select = ["unpublished-record"]\n'
        'ignore = ["insecure-url"]\n',
    )
    assert codes(run("proj/news/a.md")[1]) == ["AL401"]
    # --select replaces the file's selection (its ignore too); --ignore adds to it.
    assert codes(run("--select", "AL202", "proj/news/a.md")[1]) == ["AL202"]
    assert codes(run("--ignore", "AL401", "proj/news/a.md")[1]) == []
    assert codes(run("--extend-select", "AL4", "--ignore", "AL401", "proj/news/a.md")[1]) == []


def test_per_file_ignores_globs_are_relative_to_the_config_file(project: Path) -> None:
    write_config(
        project / "pyproject.toml",
        '[tool.articlelint.per-file-ignores]\n"news/drafts/*" = ["AL401"]\n"**/b.md" = ["AL2"]\n',
    )
    code, out = run("proj/news")
    assert code == 0
    assert [(line.split(":")[0], codes(line)[0]) for line in out.splitlines()] == [
        ("proj/news/a.md", "AL202"),
        ("proj/news/a.md", "AL401"),
        ("proj/news/b.md", "AL401"),
        ("proj/news/drafts/c.md", "AL202"),
    ]


def test_severity_override_and_fail_on(project: Path) -> None:
    write_config(project / "pyproject.toml", '[tool.articlelint.severity]\nAL401 = "error"\n')
    assert run("proj/news/a.md")[0] == 1
    write_config(project / "pyproject.toml", '[tool.articlelint]\nfail-on = "warning"\n')
    assert run("proj/news/a.md")[0] == 1
    assert run("--fail-on", "error", "proj/news/a.md")[0] == 0
    config = load_config(project / "pyproject.toml")
    assert config.fail_on.value == "warning"


def test_include_exclude_and_max_file_size(project: Path) -> None:
    (project / "news" / "d.txt").write_text(BAD, encoding="utf-8")
    write_config(
        project / "pyproject.toml",
        '[tool.articlelint]\ninclude = ["*.md"]\nexclude = ["drafts", "news/b.md"]\n'
        'select = ["AL401"]\n',
    )
    out = run("proj/news")[1]
    assert [line.split(":")[0] for line in out.splitlines()] == ["proj/news/a.md"]
    # Excluded files stay excluded when named explicitly (pre-commit passes file names).
    assert run("proj/news/drafts/c.md", "proj/news/b.md")[1] == ""
    write_config(project / "pyproject.toml", "[tool.articlelint]\nmax-file-size = 100\n")
    out = run("proj/news/a.md")[1]
    assert out == (
        "proj/news/a.md:1:1: AL001 file is larger than the 100-byte limit; "
        "raise `max-file-size` to check it\n"
    )


def test_rule_options_as_tables_and_dotted_keys(project: Path, tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text('{"properties": {"quality": {"maximum": 50}}}', encoding="utf-8")
    for text in (
        f'[tool.articlelint.json-schema-violation]\npath = "{schema.as_posix()}"\n',
        f'[tool.articlelint]\njson-schema-violation.path = "{schema.as_posix()}"\n',
        f'[tool.articlelint.options.AL100]\npath = "{schema.as_posix()}"\n',
    ):
        write_config(project / "pyproject.toml", text)
        assert load_config(project / "pyproject.toml").options == {
            "json-schema-violation": {"path": schema.as_posix()}
        }
        out = run("--select", "AL100", "proj/news/a.md")[1]
        assert out == (
            "proj/news/a.md:9:10: AL100 JSON Schema: 70 is greater than the maximum of 50 "
            "[quality]\n"
        )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[tool.articlelint]\nselct = ["AL4"]\n',
            "[tool.articlelint] unknown key `selct` (did you mean `select`?)",
        ),
        (
            '[tool.articlelint]\nignore = ["AL999"]\n',
            "[tool.articlelint] `ignore`: unknown rule 'AL999' (did you mean 'AL901'?); "
            "`articlelint rules` lists them",
        ),
        (
            '[tool.articlelint.severity]\nAL401 = "fatal"\n',
            "[tool.articlelint] `severity.AL401`: Input should be 'info', 'warning' or 'error'",
        ),
        (
            '[tool.articlelint.severity]\nno-such-rule = "error"\n',
            "[tool.articlelint] severity.no-such-rule: unknown rule 'no-such-rule'; "
            "`articlelint rules` lists them",
        ),
        (
            "[tool.articlelint]\njson-schema-violation.path = 5\n",
            "[tool.articlelint] `json-schema-violation.path`: Input should be a valid string",
        ),
        (
            '[tool.articlelint]\njson-schema-violation.pth = "x"\n',
            "[tool.articlelint] `json-schema-violation` has unknown key `pth` "
            "(did you mean `path`?)",
        ),
        (
            '[tool.articlelint]\nper-file-ignores = {"*.md" = ["XX"]}\nmax-file-size = 0\n',
            "[tool.articlelint] 2 problems:\n"
            "  - `per-file-ignores`: for '*.md': unknown rule 'XX'; "
            "`articlelint rules` lists them\n"
            "  - `max-file-size`: Input should be greater than 0",
        ),
        (
            "[tool.articlelint\n",
            "not valid TOML: Expected ']' at the end of a table declaration (at line 1, column 18)",
        ),
    ],
)
def test_config_errors_name_the_file_and_key_and_exit_2(
    project: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    config = write_config(project / "pyproject.toml", text)
    assert run("proj/news/a.md") == (2, "")
    assert capsys.readouterr().err == f"articlelint: error: proj/pyproject.toml: {message}\n"
    with pytest.raises(ConfigError) as caught:
        load_config(config)
    assert isinstance(caught.value, ArticlelintError)
    assert caught.value.source == "proj/pyproject.toml"
    assert caught.value.message == message


def test_option_paths_are_relative_to_the_config_file(project: Path) -> None:
    (project / "s.json").write_text('{"properties": {"quality": {"maximum": 50}}}')
    write_config(project / ".articlelint.toml", 'json-schema-violation.path = "s.json"\n')
    assert load_config(project / ".articlelint.toml").options == {
        "json-schema-violation": {"path": str(project.resolve() / "s.json")}
    }
    assert codes(run("--select", "AL100", "proj/news/a.md")[1]) == ["AL100"]


def test_library_config_errors_are_typed() -> None:
    with pytest.raises(ConfigError) as caught:
        Config(select=["AL999"], fail_on="fatal")
    assert str(caught.value) == (
        "2 problems:\n"
        "  - `select`: unknown rule 'AL999' (did you mean 'AL901'?); "
        "`articlelint rules` lists them\n"
        "  - `fail-on`: Input should be 'info', 'warning' or 'error'"
    )
    assert caught.value.source is None
    assert issubclass(ConfigError, ArticlelintError)
    assert issubclass(ConfigError, ValueError)


def test_path_matching(tmp_path: Path) -> None:
    from articlelint.config import path_matches

    root = tmp_path
    inside = str(tmp_path / "news" / "drafts" / "a.md")
    assert path_matches(inside, ["drafts"], root)
    assert path_matches(inside, ["news/drafts"], root)
    assert path_matches(inside, ["**/a.md"], root)
    assert path_matches(inside, ["news/*/a.md"], root)
    assert not path_matches(inside, ["drafts"], root, folders=False)
    assert path_matches(inside, ["*.md"], root, folders=False)
    assert not path_matches(str(tmp_path / "x.md" / "data.json"), ["*.md"], root, folders=False)
    assert not path_matches(inside, ["other"], root)
    assert not path_matches(inside, [], root)


def test_missing_config_file_and_conflicting_flags(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("--config", "nope.toml", "proj/news/a.md") == (2, "")
    assert capsys.readouterr().err == (
        "articlelint: error: nope.toml: cannot read: No such file or directory\n"
    )
    assert run("--config", "nope.toml", "--isolated", "proj/news/a.md")[0] == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_pyprojects_without_our_table_are_skipped_and_escaped_keys_found(tmp_path: Path) -> None:
    from articlelint.config import find_config

    (tmp_path / "pyproject.toml").write_text("[tool.ruff]\nline-length = 100\n")
    inner = tmp_path / "site"
    inner.mkdir()
    (inner / "pyproject.toml").write_text('[tool."\\u0061rticlelint"]\nignore = ["AL4"]\n')
    assert find_config(inner) == inner / "pyproject.toml"
    assert load_config(inner / "pyproject.toml").ignore == ["AL4"]
    (inner / "pyproject.toml").write_text("[tool.black]\n")
    assert find_config(inner) is None
