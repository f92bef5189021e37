"""The site profile: configured or read from Jekyll's `_config.yml`; site-relative URLs
resolved (AL201), the site's own links understood (AL501/AL503), hostile files ignored."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from articlelint import lint_paths, lint_text
from articlelint.cli import main
from articlelint.config import Config, discover_config, load_config
from articlelint.errors import ConfigError
from articlelint.site import SiteProfile, is_site_relative, jekyll_site
from tests.conftest import VALID, Lint, crlf, replace_line

WEB = 'webUrl: "https://www.siliconrepublic.com/enterprise/facial-recognition"'
LOGO = "/assets/images/organizations/siliconrepublic.com-50x50.jpg"
#: VALID with a provider logo given site-relative, as real sites write them (line 17).
WITH_LOGO = replace_line(
    VALID,
    "  domain: siliconrepublic.com",
    f"  domain: siliconrepublic.com\n  images:\n    - url: {LOGO}\n      width: 50\n"
    "      height: 50",
)
SITE = Config(site={"url": "https://everyday.cc/powerapps", "domains": ["everyday-cc.github.io"]})
JEKYLL = """\
title: Power Apps Every Day
url: https://everyday-cc.github.io
baseurl: "/powerapps"
webUrl: https://everyday.cc/powerapps
defaults: &defaults
  layout: post
collections:
  posts:
    <<: *defaults
"""


def messages(text: str, code: str, config: Config | None = None) -> list[str]:
    return [d.message for d in lint_text(text, "record.md", config).diagnostics if d.code == code]


# ----------------------------------------------------------------------------- the profile


def test_profile_resolves_as_jekylls_absolute_url() -> None:
    profile = SITE.site_profile()
    assert profile == SiteProfile(
        "https://everyday.cc/powerapps", ("everyday.cc", "everyday-cc.github.io")
    )
    assert profile.resolve(LOGO) == f"https://everyday.cc/powerapps{LOGO}"
    assert profile.resolve("https://a.com/x") == "https://a.com/x"
    assert profile.owns("/videos/x")
    assert profile.owns("https://everyday-cc.github.io/ai/news/")
    assert profile.owns("https://www.everyday.cc/x")
    assert not profile.owns("https://youtube.com/watch?v=1")
    assert not profile.owns("//everyday.cc.evil.com/x")
    assert Config().site_profile() is None
    assert Config(site={"domains": ["everyday.cc"]}).site_profile() is None  # no address


@pytest.mark.parametrize(
    ("url", "relative"),
    [("/a", True), (" /a", True), ("//a.com/x", False), ("a/b", False), ("https://a/", False)],
)
def test_site_relative(url: str, relative: bool) -> None:
    assert is_site_relative(url) is relative


@pytest.mark.parametrize(
    ("site", "message"),
    [
        ({"ur": "https://a.org"}, "`site`: unknown key `ur` (did you mean `url`?); the keys are "),
        ({"url": "everyday.cc"}, "`site`: `url` 'everyday.cc' has no scheme; write the full "),
        ({"url": 3}, "`site`: `url` must be the site's address, such as `https://example.org`"),
        ({"domains": "a.org"}, "`site`: `domains` must be a list of host names"),
        ({"domains": ["a b"]}, "`site`: `domains`: 'a b' has an invalid host name `a b`"),
        ("https://a.org", "`site`: must be a table with `url` and `domains`"),
    ],
)
def test_bad_profiles_name_the_key(site: object, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        Config(site=site)
    assert str(raised.value).startswith(message)


def test_profile_in_a_configuration_file(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.articlelint.site]\nurl = "https://everyday.cc/powerapps"\n'
        'domains = ["everyday-cc.github.io"]\n',
        encoding="utf-8",
    )
    assert load_config(tmp_path / "pyproject.toml").site_profile() == SITE.site_profile()
    (tmp_path / "pyproject.toml").write_text(
        '[tool.articlelint.site]\nurl = "everyday.cc"\n', encoding="utf-8"
    )
    with pytest.raises(ConfigError, match=r"\[tool.articlelint\] `site`: `url` 'everyday.cc'"):
        load_config(tmp_path / "pyproject.toml")


# ----------------------------------------------------------------------------- AL201


def test_site_relative_image_is_not_an_error_without_a_profile(lint: Lint) -> None:
    assert lint(WITH_LOGO) == []
    assert lint(crlf(WITH_LOGO)) == []


def test_site_relative_link_without_a_profile_says_how_to_declare_the_site(lint: Lint) -> None:
    text = replace_line(VALID, WEB, 'webUrl: "/news/facial-recognition/"')
    assert lint(text, "AL201") == [("AL201", 7, 9, "webUrl")]
    assert messages(text, "AL201") == [
        "URL `/news/facial-recognition/` is site-relative, and no site profile says where the "
        "site is; `webUrl` needs a full address for readers and feeds outside the site: write "
        'it starting with `https://`, or declare the site\'s address (`url = "https://..."` '
        "under `[tool.articlelint.site]`, or `url` and `baseurl` in Jekyll's `_config.yml`)"
    ]


def test_with_a_profile_site_relative_urls_are_resolved_and_checked(lint: Lint) -> None:
    text = replace_line(WITH_LOGO, WEB, 'webUrl: "/news/facial-recognition/"')
    assert lint(text, config=SITE) == []
    # The other URL rules still read the text as stored.
    spaced = text.replace(LOGO, LOGO.replace("-50x50", " 50x50"))
    assert lint(spaced, config=SITE) == [("AL203", 17, 12, "provider.images[0].url")]


# ----------------------------------------------------------------------------- discovery


@pytest.fixture
def jekyll_site_dir(tmp_path: Path) -> Path:
    """tmp/site/{.git/, _config.yml, _news/a.md}: a record with a site-relative logo."""
    site = tmp_path / "site"
    (site / ".git").mkdir(parents=True)
    (site / "_news").mkdir()
    (site / "_config.yml").write_text(JEKYLL, encoding="utf-8")
    (site / "_news" / "a.md").write_text(
        replace_line(WITH_LOGO, WEB, 'webUrl: "/news/facial-recognition/"'), encoding="utf-8"
    )
    return site


def test_jekyll_config_gives_the_profile(jekyll_site_dir: Path) -> None:
    expected = {
        "url": "https://everyday-cc.github.io/powerapps",
        "domains": ["https://everyday.cc/powerapps"],
    }
    assert jekyll_site(jekyll_site_dir / "_news") == expected
    assert discover_config([jekyll_site_dir / "_news"]).site == expected
    # A configured `url` wins, and configured domains are kept beside the discovered ones.
    (jekyll_site_dir / ".articlelint.toml").write_text(
        '[site]\ndomains = ["cdn.everyday.cc"]\n', encoding="utf-8"
    )
    assert discover_config([jekyll_site_dir / "_news"]).site == {
        "url": "https://everyday-cc.github.io/powerapps",
        "domains": ["https://everyday.cc/powerapps", "cdn.everyday.cc"],
    }
    (jekyll_site_dir / ".articlelint.toml").write_text(
        '[site]\nurl = "https://example.org/news"\n', encoding="utf-8"
    )
    assert discover_config([jekyll_site_dir / "_news"]).site == {"url": "https://example.org/news"}


def test_the_cli_uses_the_jekyll_site(jekyll_site_dir: Path) -> None:
    record = str(jekyll_site_dir / "_news" / "a.md")
    out = io.StringIO()
    assert main(["--no-cache", "--format", "concise", record], stdout=out) == 0
    assert out.getvalue() == ""
    out = io.StringIO()
    assert main(["--no-cache", "--isolated", "--format", "concise", record], stdout=out) == 1
    assert [line.split(": ")[1][:5] for line in out.getvalue().splitlines()] == ["AL201"]
    # The library takes the configuration it is given.
    assert [d.code for d in lint_paths([record]).diagnostics] == ["AL201"]
    assert lint_paths([record], discover_config([record])).diagnostics == []


def test_a_changed_jekyll_config_is_never_served_from_the_cache(
    jekyll_site_dir: Path, tmp_path: Path
) -> None:
    record = str(jekyll_site_dir / "_news" / "a.md")
    cache = ["--cache-dir", str(tmp_path / "cache"), "--format", "concise", record]
    assert main(cache, stdout=io.StringIO()) == 0
    (jekyll_site_dir / "_config.yml").write_text("title: no address\n", encoding="utf-8")
    out = io.StringIO()
    assert main(cache, stdout=out) == 1
    assert "AL201" in out.getvalue()


def test_jekyll_config_is_not_looked_for_above_the_repository(tmp_path: Path) -> None:
    (tmp_path / "_config.yml").write_text(JEKYLL, encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "_news").mkdir()
    assert jekyll_site(repo / "_news") is None
    assert jekyll_site(tmp_path / "elsewhere.md") is not None  # a file: its folder and up


@pytest.mark.parametrize(
    "content",
    [
        "url: [1, 2\n",  # not YAML
        "- url: https://a.org\n",  # not a mapping
        "title: a site\n",  # no address
        "url: everyday.cc\n",  # not an absolute URL
        "url: !!python/object:os.system x\n",  # a tag: never honoured
        "url: " + "[" * 5000 + "]" * 5000 + "\n",  # too deep
        "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        + "".join(
            f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
            for p, c in zip("abcdefg", "bcdefgh", strict=True)
        )
        + "url: https://a.org\n",  # a billion laughs
    ],
)
def test_a_bad_or_hostile_jekyll_config_is_ignored(tmp_path: Path, content: str) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "_config.yml").write_text(content, encoding="utf-8")
    assert jekyll_site(tmp_path) is None
    assert discover_config([tmp_path]).site == {}


def test_a_huge_jekyll_config_is_not_read(tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "_config.yml").write_text("url: https://a.org\n#" + "x" * (1 << 20), "utf-8")
    assert jekyll_site(tmp_path) is None
    (tmp_path / "_config.yml").write_text("url: https://a.org\n", encoding="utf-8")
    assert jekyll_site(tmp_path) == {"url": "https://a.org"}


def test_a_jekyll_config_linked_from_outside_the_tree_is_not_read(tmp_path: Path) -> None:
    outside = tmp_path / "outside.yml"
    outside.write_text("url: https://attacker.example\n", encoding="utf-8")
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "_config.yml").symlink_to(outside)
    assert jekyll_site(repo) is None
    (repo / "_config.yml").unlink()
    (repo / "real.yml").write_text("url: https://a.org\n", encoding="utf-8")
    (repo / "_config.yml").symlink_to(repo / "real.yml")  # a link inside the tree is fine
    assert jekyll_site(repo) == {"url": "https://a.org"}
