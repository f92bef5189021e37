"""AL100 json-schema-violation: each violation of a user's JSON Schema at the offending
value, with its field path and a short message, through the CLI (`--schema FILE`)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from articlelint.cli import main
from tests.conftest import ROOT, VALID, replace_line

SHIPPED = str(ROOT / "schemas" / "article.schema.json")


def check(tmp_path: Path, text: str, schema: str | dict[str, object]) -> list[str]:
    """`articlelint --schema ... --select AL100` on ``text``: concise lines without path."""
    record = tmp_path / "a.md"
    record.write_text(text, encoding="utf-8")
    if isinstance(schema, dict):
        # A new file each time: validators are cached by path for the process.
        file = tmp_path / f"s{len(list(tmp_path.glob('s*.json')))}.json"
        file.write_text(json.dumps(schema), encoding="utf-8")
        schema = str(file)
    out = io.StringIO()
    main(["--no-cache", "--schema", schema, "--select", "AL100", "--format", "concise",
          str(record)], stdout=out)  # fmt: skip
    return [line.removeprefix(f"{record}:") for line in out.getvalue().splitlines()]


def test_a_real_record_against_the_shipped_schema(tmp_path: Path) -> None:
    """The shipped schema is a `oneOf` (article | video) of `anyOf`s (optional fields):
    jsonschema's top error is one 3,000-character message at the root; the violations are
    in its error tree, at the values."""
    text = replace_line(VALID, 'excerpt: "Microsoft is retiring some face analysis features."',
                        'excerpt: ""')  # fmt: skip
    text = replace_line(text, '    webUrl: "https://www.zdnet.com/article/microsoft-to-curtail/"',
                        '    webUrl: ""')  # fmt: skip
    text = replace_line(text, "  - Microsoft AI", "  -")
    # An empty optional text is an absent field (the models agree): `excerpt: ""` passes.
    assert check(tmp_path, text, SHIPPED) == [
        "18:4: AL100 JSON Schema: null is not of type 'string' [topics[0]]",
        '30:13: AL100 JSON Schema: "" should be non-empty; "" does not match the pattern `\\S` '
        "[related[0].webUrl]",
    ]


def test_a_video_is_judged_as_a_video(tmp_path: Path) -> None:
    video = (ROOT / "seeds" / "valid" / "2019-08-19-power-apps-release-wave-video.md").read_text(
        "utf-8"
    )
    assert check(tmp_path, video, SHIPPED) == []
    bad = replace_line(video, "quality: 137", 'quality: "high"')
    # Not "webUrl is required" (the article alternative): the video one fits best.
    assert check(tmp_path, bad, SHIPPED) == [
        "8:10: AL100 JSON Schema: \"high\" is not of type 'integer' [quality]"
    ]


def test_required_and_unknown_fields_point_at_their_place(tmp_path: Path) -> None:
    schema = {
        "type": "object",
        "required": ["title", "summary"],
        "properties": {
            "title": {"type": "string", "maxLength": 20},
            "provider": {
                "type": "object",
                "properties": {"name": {"enum": ["ZDNet", "The Verge"]}},
                "additionalProperties": False,
            },
        },
    }
    assert check(tmp_path, VALID, schema) == [
        "2:1: AL100 JSON Schema: `summary` is required by the schema [summary]",
        '3:8: AL100 JSON Schema: "Microsoft restricts facial recognition tech" is too long [title]',
        '14:9: AL100 JSON Schema: "SiliconRepublic" is not one of "ZDNet", "The Verge" '
        "[provider.name]",
        "15:3: AL100 JSON Schema: `domain` is not a field the schema allows [provider.domain]",
    ]


def test_long_values_are_described_not_dumped(tmp_path: Path) -> None:
    schema = {"properties": {"related": {"type": "object"}, "images": {"maxItems": 0}}}
    lines = check(tmp_path, VALID, schema)
    assert lines == [
        "21:3: AL100 JSON Schema: a list is expected to be empty [images]",
        "27:3: AL100 JSON Schema: a list is not of type 'object' [related]",
    ]
    assert all(len(line) < 120 for line in lines)


def test_a_value_matching_two_alternatives_of_one_of(tmp_path: Path) -> None:
    schema = {"properties": {"quality": {"oneOf": [{"type": "integer"}, {"minimum": 0}]}}}
    assert check(tmp_path, VALID, schema) == [
        "9:10: AL100 JSON Schema: matches more than one of the schema's `oneOf` alternatives "
        "[quality]"
    ]
