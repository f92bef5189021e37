"""The site profile: the site the records belong to, its own address and hosts.

Records of this format live in a Jekyll site that republishes other publishers' stories.
Some of their URLs are the site's own: site-relative ones (`/assets/images/...`, as Jekyll
writes them) and links to the site's own pages (a video's page on the aggregator, whose
`originalUrl` is on a video platform). Rules use the profile to resolve the former and to
recognise the latter, so they neither report a valid site-relative image nor tell a record
to credit the site itself as its publisher.

The profile comes from the configuration (``[tool.articlelint.site]``: ``url`` and
``domains``), or, when that gives no ``url``, from the site's Jekyll ``_config.yml``
(``url`` + ``baseurl``, and the ``webUrl`` this format's sites also set there): see
:func:`jekyll_site`. This module is that configuration step; the value rules see,
:class:`SiteProfile`, is :mod:`articlelint.rules.site` (re-exported here), below the rules.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from articlelint.rules.site import SiteProfile, host_of, is_site_relative

__all__ = [
    "JEKYLL_CONFIG_FILES",
    "SITE_KEYS",
    "SiteProfile",
    "is_site_relative",
    "jekyll_site",
    "validate_site",
]

#: The keys of ``[tool.articlelint.site]``.
SITE_KEYS = ("url", "domains")
#: The files Jekyll reads its configuration from, in the order it tries them.
JEKYLL_CONFIG_FILES = ("_config.yml", "_config.yaml")
#: A Jekyll configuration larger than this is not read (real ones are a few KB).
_MAX_JEKYLL_CONFIG = 1 << 20


def validate_site(value: Any) -> dict[str, Any]:
    """The ``site`` setting, checked: ``url`` an absolute http(s) URL, ``domains`` host
    names (or URLs, whose host is taken). ``ValueError`` names the bad key."""
    if not isinstance(value, Mapping):
        raise ValueError("must be a table with `url` and `domains`")
    out: dict[str, Any] = {}
    for key, item in value.items():
        name = key.replace("_", "-") if isinstance(key, str) else key
        if name == "url":
            out["url"] = _valid_url(item, f"`url` {item!r}" if isinstance(item, str) else "`url`")
        elif name == "domains":
            if not isinstance(item, list) or not all(isinstance(d, str) for d in item):
                raise ValueError("`domains` must be a list of host names")
            for domain in item:
                _valid_url(
                    domain if "//" in domain else f"https://{domain}", f"`domains`: {domain!r}"
                )
            out["domains"] = list(item)
        else:
            import difflib  # only for this message

            close = difflib.get_close_matches(str(key), SITE_KEYS, n=1)
            hint = f" (did you mean `{close[0]}`?)" if close else ""
            raise ValueError(f"unknown key `{key}`{hint}; the keys are `url` and `domains`")
    return out


def _valid_url(value: Any, name: str = "`url`") -> str:
    from articlelint.rules.urls import parse_url

    if not isinstance(value, str):
        raise ValueError(f"{name} must be the site's address, such as `https://example.org`")
    parsed = parse_url(value)
    if isinstance(parsed, str) or value != value.strip():
        reason = parsed if isinstance(parsed, str) else "has blanks around it"
        raise ValueError(f"{name} {reason}")
    return value


def jekyll_site(start: str | os.PathLike[str]) -> dict[str, Any] | None:
    """The ``site`` setting a Jekyll site declares, read from the nearest ``_config.yml``
    (or ``_config.yaml``) in ``start`` or a folder above it, up to the repository's root
    (the first folder holding ``.git``). ``None`` when there is none, or when it does not
    say where the site is.

    ``url`` + ``baseurl`` is the site's address, as Jekyll's ``absolute_url`` builds it;
    a ``webUrl`` there (this format's sites give their public address so) adds its host
    to ``domains``. The file is read as plain data by the same loader as the records (no
    tags, a bounded size, depth and alias budget), so a hostile one is at worst ignored;
    one that is a symlink out of its checked tree is not read at all.
    """
    for folder in _folders_up(Path(start)):
        for name in JEKYLL_CONFIG_FILES:
            candidate = folder / name
            if candidate.is_file():
                return _read_jekyll_config(candidate) if _in_its_tree(candidate) else None
    return None


def _in_its_tree(path: Path) -> bool:
    """Whether ``path`` stays in its checked tree: a symlinked ``_config.yml`` that leads
    elsewhere is not read, like any link out of the tree (see :mod:`articlelint._fs`)."""
    from articlelint._fs import checked_tree, escape_reason

    name = str(path)
    return escape_reason(name, checked_tree(name, folder=False)) is None


def _folders_up(start: Path) -> Iterable[Path]:
    here = start.resolve()
    if not here.is_dir():
        here = here.parent
    for folder in (here, *here.parents):
        yield folder
        if (folder / ".git").exists():
            return


def _read_jekyll_config(path: Path) -> dict[str, Any] | None:
    from articlelint.loading import Document, load_bytes

    try:
        if path.stat().st_size > _MAX_JEKYLL_CONFIG:
            return None
        data = path.read_bytes()
    except OSError:
        return None
    try:
        loaded = load_bytes(data, str(path))  # `.yml`: a bare YAML document
    except Exception:  # a loader bug must not stop the run: no profile, as for bad YAML
        return None
    if not isinstance(loaded, Document) or not isinstance(loaded.data, Mapping):
        return None
    url = loaded.data.get("url")
    baseurl = loaded.data.get("baseurl")
    if not isinstance(url, str) or not url.strip():
        return None
    base = url.strip().rstrip("/")
    if isinstance(baseurl, str) and baseurl.strip("/ "):
        base += "/" + baseurl.strip().strip("/")
    site: dict[str, Any] = {"url": base}
    public = loaded.data.get("webUrl")
    if isinstance(public, str) and host_of(public) not in (None, host_of(base)):
        site["domains"] = [public.strip()]
    try:
        return validate_site(site)
    except ValueError:
        return None  # not a usable address: as if the site said nothing
