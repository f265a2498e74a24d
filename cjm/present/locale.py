"""Which locale's labels and figures a reader gets: one rule for every command.

cjm has labels in English and Italian. A locale asked for with ``--locale``
must be one of them (its language part: ``it-CH`` is Italian), else the command
stops with :class:`UnsupportedLocale`. A document's or a workspace's own
``locale`` is the language of its content and may be anything: when cjm has no
labels for it, they fall back to English.
"""

from __future__ import annotations

from cjm.core.errors import UsageError
from cjm.core.locales import DEFAULT as DEFAULT
from cjm.core.locales import language as language

LOCALES = ("en", "it")


class UnsupportedLocale(UsageError):
    """``--locale`` names a language cjm has no labels for."""

    def __init__(self, locale: str) -> None:
        super().__init__(
            f"--locale {locale}: cjm has labels in {', '.join(LOCALES)} "
            "(without --locale, each map's own locale is used)"
        )
        self.locale = locale


def supported(locale: str | None) -> str:
    """The supported language of ``locale``, English for any other."""
    found = language(locale)
    return found if found in LOCALES else DEFAULT


def from_option(locale: str | None) -> str | None:
    """``--locale`` as given, once checked: None when it was left out.

    Raises :class:`UnsupportedLocale` when cjm has no labels in its language.
    """
    if locale is not None and language(locale) not in LOCALES:
        raise UnsupportedLocale(locale)
    return locale


def resolve(explicit: str | None, *own: str | None) -> str:
    """The locale a page is written in: ``--locale``, else the first of the document's
    and workspace's own locales that is set, else English."""
    for locale in (explicit, *own):
        if locale:
            return locale
    return DEFAULT
