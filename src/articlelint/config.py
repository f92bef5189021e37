"""Configuration: which rules run, how severe they are, and their options.

One declarative :class:`Config`, so the library API, ``[tool.articlelint]`` in
``pyproject.toml`` (or ``.articlelint.toml``) and the CLI flags all end up as the same
validated object. A valid configuration is checked without importing pydantic; anything
else goes to the pydantic model generated from the same declarations, which words the
errors (see :mod:`articlelint._settings`).

Configuration files are found by walking up from the checked paths (see
:func:`discover_config`); every problem in one is a :class:`~articlelint.errors.ConfigError`
naming the file and the key. Globs (``include``, ``exclude``, ``per-file-ignores``) are
matched against paths relative to the directory of the configuration file.
"""

from __future__ import annotations

import fnmatch
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from articlelint._settings import FieldCheck, Settings, setting
from articlelint.diagnostics import Severity
from articlelint.errors import ConfigError
from articlelint.loading import DEFAULT_MAX_FILE_SIZE

if TYPE_CHECKING:
    from pydantic import ValidationError

    from articlelint.site import SiteProfile

__all__ = [
    "CONFIG_FILES",
    "Config",
    "discover_config",
    "find_config",
    "load_config",
    "path_matches",
    "selector_matches",
    "with_jekyll_site",
]

#: Files searched in each directory, first match wins. ``pyproject.toml`` counts only
#: when it has a ``[tool.articlelint]`` table.
CONFIG_FILES = (".articlelint.toml", "pyproject.toml")


def _kebab(name: str) -> str:
    return name.replace("_", "-")


def _rule_registry() -> Any:
    from articlelint.rules import registry  # lazy: the registry imports every rule module

    return registry()


def _check_selectors(selectors: Iterable[str]) -> None:
    reg = _rule_registry()
    unknown = [
        selector
        for selector in selectors
        if selector.upper() != "ALL"
        and reg.get(selector) is None
        and not any(rule.code.startswith(selector.upper()) for rule in reg)
    ]
    if len(unknown) == 1:
        raise ValueError(f"unknown rule {unknown[0]!r}{_suggest(unknown[0], reg)}")
    if unknown:
        listed = ", ".join(repr(u) for u in unknown)
        raise ValueError(f"unknown rules {listed}; `articlelint rules` lists them")


def _suggest(word: str, reg: Any) -> str:
    names = [rule.name for rule in reg] + [rule.code for rule in reg]
    import difflib  # only for this message

    close = difflib.get_close_matches(word, names, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    return f"{hint}; `articlelint rules` lists them"


class Config(Settings):
    """Everything that changes what a run reports. Keys are kebab-case in TOML.

    A table named after a rule (``[tool.articlelint.title-too-long]``, or the dotted key
    ``title-too-long.max-length = 120``) holds that rule's options, validated by the
    rule's ``Options`` model; ``options = {...}`` is the same thing in one table.
    """

    select: list[str] | None = setting(
        None,
        description="Rules to run (codes, code prefixes such as `AL2`, names, or `ALL`); "
        "default: every rule that is on by default.",
    )
    extend_select: list[str] = setting(default_factory=list, description="Rules to add.")
    ignore: list[str] = setting(default_factory=list, description="Rules to skip.")
    per_file_ignores: dict[str, list[str]] = setting(
        default_factory=dict, description="Glob -> rules to skip in matching files."
    )
    severity: dict[str, Severity] = setting(
        default_factory=dict, description="Rule (code or name) -> severity override."
    )
    options: dict[str, dict[str, Any]] = setting(
        default_factory=dict, description="Rule name (or code) -> that rule's options."
    )
    include: list[str] = setting(
        default_factory=lambda: ["*.md", "*.markdown", "*.yaml", "*.yml", "*.txt"],
        description="File-name globs checked when walking directories.",
    )
    exclude: list[str] = setting(
        default_factory=list, description="Globs of files or directories never checked."
    )
    fail_on: Severity = setting(
        Severity.ERROR, description="Lowest severity that makes the run fail (exit 1)."
    )
    max_file_size: int = setting(
        DEFAULT_MAX_FILE_SIZE, gt=0, description="Files larger than this are reported."
    )
    jobs: int | None = setting(
        None,
        ge=1,
        description="Processes that check files in parallel; default: one per core "
        "(runs with only a few files to check stay in one process).",
    )
    cache_dir: str | None = setting(
        None,
        description="Folder of the result cache. The CLI uses `.articlelint_cache` unless "
        "`--no-cache`; the library caches only when this is set.",
    )
    follow_symlinks: bool = setting(
        False,
        description="Follow symlinks that lead out of the checked tree (`--follow-symlinks`). "
        "Command line and library only: a configuration file is part of the checked tree.",
    )
    site: dict[str, Any] = setting(
        default_factory=dict,
        description="The site the records belong to: `url`, its address (site-relative "
        "URLs such as `/assets/...` are resolved against it), and `domains`, other hosts "
        "of its pages. Without a `url`, `discover_config` and `load_config` read it from "
        "the site's Jekyll `_config.yml` (`url` + `baseurl`).",
    )

    def __init__(self, **data: Any) -> None:
        """Validated keyword arguments; a bad value is a :class:`ConfigError` that names the
        key (``Config.model_validate`` raises pydantic's ``ValidationError`` instead)."""
        try:
            super().__init__(**data)
        except ValueError as exc:
            raise _as_config_error(exc, None) from None

    @property
    def root(self) -> Path | None:
        """The directory globs are relative to (the configuration file's); ``None``: the cwd."""
        root: Path | None = self.__dict__.get("_root")
        return root

    @property
    def source(self) -> Path | None:
        """The file this configuration was read from, if any."""
        source: Path | None = self.__dict__.get("_source")
        return source

    def _copied_to(self, copy: Any) -> None:
        copy.__dict__.update(self.__dict__)

    @classmethod
    def prepare(cls, data: dict[str, Any]) -> dict[str, Any]:
        """Move ``[tool.articlelint.<rule>]`` tables into ``options``."""
        known = set(cls.model_fields) | {_kebab(name) for name in cls.model_fields}
        unknown = [key for key in data if key not in known]
        if not unknown:
            return data
        reg = _rule_registry()
        out = dict(data)
        options = dict(out.get("options") or {})
        for key in unknown:
            rule = reg.get(key) if isinstance(key, str) else None
            if rule is not None and isinstance(data[key], Mapping):
                options.setdefault(rule.name, {}).update(out.pop(key))
        if options:
            out["options"] = options
        return out

    @staticmethod
    def _known_selectors(cls: Any, value: list[str] | None) -> list[str] | None:
        if value:
            _check_selectors(value)
        return value

    @staticmethod
    def _known_per_file(cls: Any, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for pattern, selectors in value.items():
            try:
                _check_selectors(selectors)
            except ValueError as exc:
                raise ValueError(f"for {pattern!r}: {exc}") from None
        return value

    @staticmethod
    def _known_severity(cls: Any, value: dict[str, Severity]) -> dict[str, Severity]:
        reg = _rule_registry()
        out: dict[str, Severity] = {}
        for key, severity in value.items():
            rule = reg.get(key)
            if rule is None:
                raise ValueError(f"severity.{key}: unknown rule {key!r}{_suggest(key, reg)}")
            out[rule.code] = severity
        return out

    @staticmethod
    def _valid_site(cls: Any, value: Any) -> dict[str, Any]:
        from articlelint.site import validate_site

        return validate_site(value)

    def site_profile(self) -> SiteProfile | None:
        """The site profile of this configuration (``None`` when it names no site)."""
        if not self.site:
            return None
        from articlelint.site import SiteProfile

        return SiteProfile.from_settings(self.site)

    @staticmethod
    def _valid_options(cls: Any, value: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """Each rule's options validate through that rule's own ``Options``."""
        reg = _rule_registry()
        out: dict[str, dict[str, Any]] = {}
        for key, raw in value.items():
            rule = reg.get(key)
            if rule is None:
                raise ValueError(f"{key}: unknown rule or key {key!r}{_suggest(key, reg)}")
            try:
                rule.Options.model_validate(raw)
            except ValueError as exc:
                if not _is_validation_error(exc):
                    raise
                problems = "; ".join(_describe(err, (rule.name,)) for err in exc.errors())  # type: ignore[attr-defined]
                raise ValueError(problems) from None
            out.setdefault(rule.name, {}).update(raw)
        return out

    field_checks: ClassVar[tuple[FieldCheck, ...]] = (
        (("select", "extend_select", "ignore"), "after", _known_selectors),
        (("per_file_ignores",), "after", _known_per_file),
        (("severity",), "after", _known_severity),
        (("options",), "after", _valid_options),
        (("site",), "before", _valid_site),
    )

    def rooted(self, root: Path | None, source: Path | None = None) -> Config:
        """This configuration with globs relative to ``root`` (the config file's folder)."""
        copy = self.model_copy()
        copy.__dict__["_root"] = root
        copy.__dict__["_source"] = source
        return copy

    def merged(
        self,
        *,
        select: list[str] | None = None,
        extend_select: list[str] | None = None,
        ignore: list[str] | None = None,
        **overrides: Any,
    ) -> Config:
        """The command line's layer on top of this one (flags win, as in ruff).

        ``select`` replaces the rule selection (dropping this layer's ``extend-select`` and
        ``ignore``); ``extend_select`` and ``ignore`` add to it; other keys replace values.
        """
        data = self.model_dump(by_alias=False, exclude_unset=True)
        if select is not None:
            data["select"] = select
            data["extend_select"] = list(extend_select or [])
            data["ignore"] = list(ignore or [])
        else:
            data["extend_select"] = [*self.extend_select, *(extend_select or [])]
            data["ignore"] = [*self.ignore, *(ignore or [])]
        options = {name: dict(values) for name, values in self.options.items()}
        for name, values in (overrides.pop("options", None) or {}).items():
            options.setdefault(name, {}).update(values)
        data["options"] = options
        data.update({key: value for key, value in overrides.items() if value is not None})
        return validate_config(data, source=None).rooted(self.root, self.source)


def _loc(parts: Sequence[int | str]) -> str:
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _describe(error: Any, prefix: tuple[str, ...] = ()) -> str:
    loc = tuple(_kebab(p) if isinstance(p, str) else p for p in (*prefix, *error["loc"]))
    if error["type"] == "extra_forbidden":
        key = str(loc[-1]) if loc else "?"
        parent = _loc(loc[:-1])
        known = _known_keys(prefix)
        import difflib  # only for this message

        close = difflib.get_close_matches(key, known, n=1)
        hint = f" (did you mean `{close[0]}`?)" if close else ""
        where = f"`{parent}` has " if parent else ""
        return f"{where}unknown key `{key}`{hint}"
    message = str(error["msg"]).removeprefix("Value error, ")
    if error["type"] == "value_error" and (not loc or loc[0] in {"options", "severity"}):
        return message
    return f"`{_loc(loc)}`: {message}" if loc else message


def _known_keys(prefix: tuple[str, ...]) -> list[str]:
    if prefix:
        rule = _rule_registry().get(prefix[0])
        model: Any = rule.Options if rule is not None else None
    else:
        model = Config
    if model is None:
        return []
    return [_kebab(name) for name in model.model_fields]


def validate_config(data: Mapping[str, Any], *, source: str | None) -> Config:
    """``data`` (the ``[tool.articlelint]`` table) as a :class:`Config`, or a
    :class:`ConfigError` listing every bad key."""
    try:
        return Config.model_validate(data)
    except ValueError as exc:
        raise _as_config_error(exc, source) from None


def _is_validation_error(exc: BaseException) -> bool:
    """Whether ``exc`` is pydantic's ``ValidationError`` (without importing pydantic)."""
    module = sys.modules.get("pydantic")
    return module is not None and isinstance(exc, module.ValidationError)


def _as_config_error(exc: ValueError, source: str | None) -> ConfigError:
    if isinstance(exc, ConfigError) or not _is_validation_error(exc):
        raise exc
    return _config_error(exc, source)  # type: ignore[arg-type]


def _config_error(exc: ValidationError, source: str | None) -> ConfigError:
    problems = [_describe(error) for error in exc.errors()]
    where = "[tool.articlelint] " if source and source.endswith("pyproject.toml") else ""
    if len(problems) == 1:
        return ConfigError(f"{where}{problems[0]}", source)
    listed = "".join(f"\n  - {p}" for p in problems)
    return ConfigError(f"{where}{len(problems)} problems:{listed}", source)


def _shown(path: Path) -> str:
    """``path`` as the user knows it: relative to the current directory when under it."""
    relative = os.path.relpath(path)
    return str(path) if relative.startswith("..") else relative


def _read_toml(path: Path) -> dict[str, Any]:
    if sys.version_info >= (3, 11):
        import tomllib
    else:  # pragma: no cover - Python 3.10
        import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

    try:
        with path.open("rb") as handle:
            document: dict[str, Any] = tomllib.load(handle)
            return document
    except OSError as exc:
        raise ConfigError(f"cannot read: {exc.strerror or exc}", _shown(path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"not valid TOML: {exc}", _shown(path)) from None


def _table(path: Path, document: dict[str, Any]) -> dict[str, Any] | None:
    """The articlelint settings of a configuration file: a ``pyproject.toml``'s (or any
    file with a ``[tool]`` table: a pyproject under another name) ``[tool.articlelint]``
    table, ``None`` when it has none; else the whole file (``.articlelint.toml`` style)."""
    tool = document.get("tool") if isinstance(document, dict) else None
    if path.name != "pyproject.toml" and not isinstance(tool, dict):
        return document
    table = tool.get("articlelint") if isinstance(tool, dict) else None
    if table is None:
        return None
    if not isinstance(table, dict):
        raise ConfigError("[tool.articlelint] must be a table", _shown(path))
    return table


def load_config(path: str | os.PathLike[str]) -> Config:
    """Read one configuration file: a ``pyproject.toml`` (its ``[tool.articlelint]``
    table, empty when absent) or an ``.articlelint.toml`` (keys at the top level).

    Without a ``site.url``, the site profile comes from the nearest Jekyll
    ``_config.yml`` at or above the file's folder (see :func:`articlelint.site.jekyll_site`).
    """
    file = Path(path)
    return _load_config(file, file.resolve().parent)


def _load_config(file: Path, site_from: Path) -> Config:
    document = _read_toml(file)
    table = _table(file, document)
    if table is None and file.name != "pyproject.toml":
        # Named on purpose (`--config other.toml`), and pyproject-shaped: its `[tool.*]`
        # tables are other tools' settings, not articlelint's.
        others = ", ".join(f"[tool.{name}]" for name in document["tool"]) or "[tool]"
        raise ConfigError(
            f"no [tool.articlelint] table (only {others}); put articlelint's "
            "settings under [tool.articlelint], or at the top level of an "
            "`.articlelint.toml`-style file",
            _shown(file),
        )
    table = table or {}
    if "follow-symlinks" in table or "follow_symlinks" in table:
        raise ConfigError(
            "`follow-symlinks` can only be given on the command line (`--follow-symlinks`): "
            "the configuration file is part of the tree whose links it would let out",
            _shown(file),
        )
    config = validate_config(table, source=_shown(file))
    root = file.resolve().parent
    return with_jekyll_site(_resolve_option_paths(config, root).rooted(root, file), site_from)


def with_jekyll_site(config: Config, start: str | os.PathLike[str]) -> Config:
    """``config`` with the site profile of the Jekyll site at or above ``start``, unless
    it already names the site's ``url`` (``domains`` it gives are kept)."""
    if config.site.get("url"):
        return config
    from articlelint.site import jekyll_site

    found = jekyll_site(start)
    if found is None:
        return config
    domains = [*found.get("domains", ()), *config.site.get("domains", ())]
    site = {"url": found["url"], **({"domains": domains} if domains else {})}
    return config.model_copy(update={"site": site})


def _resolve_option_paths(config: Config, root: Path) -> Config:
    """Rule options marked ``json_schema_extra={"path": True}`` are relative to ``root``."""
    reg = _rule_registry()
    options: dict[str, dict[str, Any]] = {}
    for name, values in config.options.items():
        fields = reg.get(name).Options.model_fields
        resolved = dict(values)
        for key, value in values.items():
            info = fields.get(key.replace("-", "_"))
            extra = info.json_schema_extra if info is not None else None
            if isinstance(extra, dict) and extra.get("path") and isinstance(value, str):
                resolved[key] = os.path.join(root, value)
        options[name] = resolved
    return config.model_copy(update={"options": options})


def find_config(start: str | os.PathLike[str]) -> Path | None:
    """The nearest configuration file in ``start`` (a directory or file) or above it."""
    here = Path(start).resolve()
    if not here.is_dir():
        here = here.parent
    for directory in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name != "pyproject.toml" or (
                _may_configure(candidate) and _table(candidate, _read_toml(candidate)) is not None
            ):
                return candidate
    return None


def _may_configure(pyproject: Path) -> bool:
    """Whether ``pyproject`` can hold a ``[tool.articlelint]`` table: most projects'
    files do not even contain the word, and then no TOML is parsed (``tomllib`` is not even
    imported). A key spelt with ``\\u`` escapes is still found."""
    try:
        raw = pyproject.read_bytes()
    except OSError:
        return True  # let the reader report it
    return b"articlelint" in raw or b"\\u" in raw or b"\\U" in raw


def discover_config(paths: Sequence[str | os.PathLike[str]] = ()) -> Config:
    """The configuration for checking ``paths``: the nearest file above their common
    folder (the current directory when no path is given), or the defaults; and the site
    profile of the nearest Jekyll site above that folder unless the file names one."""
    start: str = os.getcwd()
    if paths:
        absolute = [os.path.abspath(os.fspath(p)) for p in paths]
        try:
            start = os.path.commonpath(absolute)
        except ValueError:  # different drives on Windows
            start = absolute[0]
    found = find_config(start)
    if found is not None:
        return _load_config(found, Path(start))
    return with_jekyll_site(Config(), start)


def path_matches(
    path: str, patterns: Iterable[str], root: Path | None = None, *, folders: bool = True
) -> bool:
    """Whether ``path`` matches one of ``patterns`` (globs relative to ``root``, default the
    current directory), or its file name does. With ``folders``, a pattern also matches any
    folder on the way: ``drafts`` and ``archive/2019`` exclude everything below them.
    ``**/`` may match no folder at all."""
    patterns = [p.rstrip("/") for p in patterns]
    if not patterns:
        return False
    given = Path(path).as_posix()
    base = os.fspath(root) if root is not None else os.getcwd()
    relative = Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    candidates = {given, relative}
    parts = relative.split("/")
    candidates.add(parts[-1])
    if folders and parts[0] != "..":
        candidates.update("/".join(parts[: i + 1]) for i in range(len(parts)))
        candidates.update(parts)
    for pattern in patterns:
        options = (pattern, pattern[3:]) if pattern.startswith("**/") else (pattern,)
        for option in options:
            if any(fnmatch.fnmatchcase(c, option) for c in candidates):
                return True
    return False


def selector_matches(selector: str, code: str, name: str) -> int:
    """How specifically ``selector`` names the rule: 0 = not at all; higher = more specific.

    ``ALL`` < a code prefix (longer is more specific) < the full code or the rule's name.
    """
    if selector.upper() == "ALL":
        return 1
    if selector.lower() == name or selector.upper() == code:
        return 100
    if code.startswith(selector.upper()):
        return 1 + len(selector)
    return 0
