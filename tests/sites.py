"""A realistic Jekyll site repository, as the records' sites are laid out (everyday-cc/
powerapps and the like): site files, data, CI, pages and templates beside the records in
collection folders. Used by the discovery, CLI and pre-commit tests."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import ROOT, VALID, own_web_url, replace_line

#: The video record the seeds hold (valid).
VIDEO = (ROOT / "seeds" / "valid" / "2019-08-19-power-apps-release-wave-video.md").read_text(
    "utf-8"
)

CONFIG = """\
#----------------------------------------------------------------------------------
# Site Settings
#----------------------------------------------------------------------------------

title: Power Apps Every Day
url: https://everyday-cc.github.io
baseurl: "/powerapps"
locale: "en-us"
permalink: /:year/:month/:day/:title/

default_post_settings: &default_post_settings
  layout: post
  deleted: false

collections:
  news:
    output: true
    permalink: /api/news/:path/index.json
  learning:
    output: true

defaults:
  - scope:
      path: ""
      type: news
    values: *default_post_settings

exclude: [README.md, Gemfile, Gemfile.lock, vendor]
"""

WORKFLOW = """\
name: ci
on: [push, pull_request]
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: ruby/setup-ruby@v1
        with:
          bundler-cache: true
      - run: bundle exec jekyll build
"""

#: The files of the site that are not records, by path.
NOT_RECORDS = {
    "README.md": "# Power Apps Every Day\n\nThe sources of the site.\n",
    "_config.yml": CONFIG,
    "Gemfile": 'source "https://rubygems.org"\ngem "jekyll", "~> 4.3"\n',
    "_data/authors.yml": "jane:\n  name: Jane Doe\n  twitter: janedoe\n",
    "_data/topics/00-power-apps.yaml": "name: Power Apps\nslug: power-apps\n",
    ".github/workflows/ci.yml": WORKFLOW,
    "index.md": "---\nlayout: home\ntitle: Power Apps Every Day\n---\n\nWelcome.\n",
    "_layouts/post.md": "---\nlayout: default\n---\n\n{{ content }}\n",
    "_includes/card.md": "{{ include.title }}\n",
}

#: The records: a story in `_news/`, a video in `_learning/videos/` (both clean).
RECORDS = {
    "_news/2022-06-22-microsoft-restricts-facial-recognition-tech.md": VALID,
    "_learning/videos/2019-08-19-power-apps-release-wave-video.md": VIDEO,
}

#: A story with one finding: `type: [blog]` (AL103 at 8:7), with its own URL (no AL509).
BAD_NAME = "_news/2022-06-23-microsoft-blog.md"
BAD = replace_line(own_web_url(VALID, "blog"), "type: article", "type: [blog]")
BAD_FINDING = "8:7: AL103 `type` should be text, found a list [type]"


def readme_precommit_config() -> str:
    """The `.pre-commit-config.yaml` block of the README, verbatim."""
    readme = (ROOT / "README.md").read_text("utf-8")
    match = re.search(r"```yaml\n(# \.pre-commit-config\.yaml\n.*?)```", readme, re.S)
    assert match is not None, "the README has no .pre-commit-config.yaml block"
    return match.group(1)


def build_site(root: Path, *, bad: bool = False) -> Path:
    """Write the site under ``root`` (with the bad record too when ``bad``); ``root``."""
    files = {
        **NOT_RECORDS,
        ".pre-commit-config.yaml": readme_precommit_config(),
        **RECORDS,
    }
    if bad:
        files[BAD_NAME] = BAD
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root
