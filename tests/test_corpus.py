"""The whole shared corpus lints without a crash (skipped where ../shared/corpus is absent)."""

from __future__ import annotations

import pytest

from articlelint import lint_paths
from tests.conftest import CORPUS

pytestmark = pytest.mark.skipif(not CORPUS.is_dir(), reason="shared corpus not present")


def test_whole_corpus_lints_without_crash(record_corpus_count: object) -> None:
    result = lint_paths([CORPUS])
    files = sorted(CORPUS.rglob("*.md"))
    assert result.files_checked == len(files) > 2000
    assert result.internal_errors == 0
    assert not [d for d in result.diagnostics if d.code in {"AL000", "AL001", "AL002", "AL003"}]
    assert sum(1 for d in result.diagnostics if d.code == "AL401") == 974
    record_corpus_count(result.files_checked)  # type: ignore[operator]
