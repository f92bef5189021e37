"""The library API: lint_paths, lint_text, lint_record, the result object, the models."""

from __future__ import annotations

from pathlib import Path

import frontmatter
import pytest

import articlelint
from articlelint import (
    Article,
    Config,
    LintResult,
    Severity,
    Video,
    lint_paths,
    lint_record,
    lint_text,
)
from tests.conftest import SEED, SEEDS, VALID, findings, replace_line


def test_public_names() -> None:
    for name in articlelint.__all__:
        assert getattr(articlelint, name) is not None
    with pytest.raises(AttributeError):
        _ = articlelint.nothing_here  # type: ignore[attr-defined]


def test_seed_reports_unpublished_at_line_11() -> None:
    result = lint_paths([SEED])
    assert findings(result.diagnostics) == [
        ("AL401", 11, 12, "published"),
        ("AL601", 60, 14, "related[2].excerpt"),  # the seed's excerpt ends with "\n"
    ]
    assert result.files_checked == 1
    assert result.summary == {"error": 0, "warning": 1, "info": 1}
    assert result.exit_code == 0


def test_lint_paths_walks_directories_sorted_and_each_file_once() -> None:
    result = lint_paths([SEEDS, SEED])
    assert result.files_checked == len(
        [p for p in SEEDS.rglob("*") if p.suffix in {".md", ".txt", ".yaml", ".yml"}]
    )
    paths = [d.path for d in result.diagnostics]
    assert paths == sorted(paths)
    assert result.exit_code == 1


def test_lint_paths_reports_missing_files_instead_of_raising(tmp_path: Path) -> None:
    result = lint_paths([tmp_path / "missing.md"])
    assert findings(result.diagnostics) == [("AL001", 1, 1, None)]
    assert result.files_checked == 1
    assert result.exit_code == 1


def test_lint_paths_skips_other_suffixes_and_hidden_dirs(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text(VALID, "utf-8")
    (tmp_path / "notes.json").write_text("{}", "utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "b.md").write_text("broken", "utf-8")
    result = lint_paths([tmp_path])
    assert result.files_checked == 1


def test_lint_text() -> None:
    result = lint_text(replace_line(VALID, "published: true", "published: false"))
    assert findings(result.diagnostics) == [("AL401", 11, 12, "published")]
    assert result.diagnostics[0].path == "<string>.md"
    assert lint_text(VALID, "story.md").diagnostics == []
    bare = lint_text("title: x\n", "story.yaml")
    assert ("AL101", 1, 1, "publishedDateTime") in findings(bare.diagnostics)


def test_lint_record_gives_field_paths_without_positions() -> None:
    data = frontmatter.loads(VALID).metadata
    assert lint_record(data).diagnostics == []
    data["published"] = False
    data["related"][0]["webUrl"] = "htp://x"
    result = lint_record(data)
    assert findings(result.diagnostics) == [
        ("AL201", 0, 0, "related[0].webUrl"),
        ("AL401", 0, 0, "published"),
    ]
    assert {d.path for d in result.diagnostics} == {"<record>"}


def test_lint_record_accepts_a_frontmatter_post_with_datetimes() -> None:
    post = frontmatter.loads(VALID)  # PyYAML turns the timestamps into datetime objects
    assert lint_record(post).diagnostics == []
    naive = frontmatter.loads(
        replace_line(
            VALID,
            "publishedDateTime: 2022-06-22T08:27:00Z",
            "publishedDateTime: 2022-06-22 08:27:00",
        )
    )
    assert findings(lint_record(naive).diagnostics) == [("AL302", 0, 0, "publishedDateTime")]


def test_config_selects_and_overrides_severity() -> None:
    text = replace_line(VALID, "published: true", "published: false")
    assert lint_text(text, config=Config(ignore=["AL4"])).diagnostics == []
    assert (
        lint_text(text, config=Config(select=["unpublished-record"])).diagnostics[0].code == "AL401"
    )
    strict = lint_text(text, config=Config(severity={"AL401": Severity.ERROR}))
    assert strict.diagnostics[0].severity is Severity.ERROR
    assert strict.exit_code == 1
    assert lint_text(text, config=Config(fail_on=Severity.WARNING)).exit_code == 0  # AL401: info
    assert lint_text(text, config=Config(fail_on=Severity.INFO)).exit_code == 1


def test_result_exit_code_is_2_on_internal_errors() -> None:
    result = LintResult([], 0)
    assert result.exit_code == 0


def test_models_are_public_api() -> None:
    data = frontmatter.loads(SEED.read_text("utf-8")).metadata
    data["publishedDateTime"] = "2022-06-22T08:27:00Z"
    for item in data["related"]:
        item["publishedDateTime"] = str(item["publishedDateTime"])
    article = Article.model_validate(data)
    assert article.provider.domain == "siliconrepublic.com"
    assert article.related is not None
    assert article.related[3].web_url.startswith("https://www.scmp")
    video = Video.model_validate(
        {
            "type": "video",
            "title": "t",
            "publishedDateTime": "2022-06-22T08:27:00Z",
            "originalUrl": "https://youtube.com/watch?v=x",
            "provider": {"name": "Microsoft", "domain": "microsoft.com"},
        }
    )
    assert video.web_url is None
