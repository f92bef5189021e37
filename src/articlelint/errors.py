"""The exceptions articlelint raises to library users.

Bad *input records* never raise (they become diagnostics); these are for bad *settings*:
a configuration file or option that cannot be used. The CLI turns them into exit status 2.
"""

from __future__ import annotations

__all__ = ["ArticlelintError", "ArticlelintWarning", "ConfigError", "PluginWarning"]


class ArticlelintError(Exception):
    """Base class of every exception articlelint raises on purpose."""


class ConfigError(ArticlelintError, ValueError):
    """A configuration file, key or option value that cannot be used.

    ``source`` is the file the setting came from (``None`` for settings given in code or
    on the command line); ``str(error)`` names the file and the key.
    """

    def __init__(self, message: str, source: str | None = None) -> None:
        super().__init__(f"{source}: {message}" if source else message)
        self.message = message
        self.source = source


class ArticlelintWarning(UserWarning):
    """Base class of articlelint's warnings."""


class PluginWarning(ArticlelintWarning):
    """A plugin (``articlelint.rules`` entry point) could not be loaded; it is skipped."""
