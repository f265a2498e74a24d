"""The language of a locale, the one rule every part of cjm reads it by.

A locale may be written `it`, `IT`, `it-CH` or `it_CH`: its language is the part
before the region, in lower case. Which languages cjm has labels for, and what
happens with the others, is :mod:`cjm.present.locale`'s business.
"""

from __future__ import annotations

DEFAULT = "en"


def language(locale: str | None) -> str:
    """The language part of a locale, in lower case: `it` for `it_CH`, `IT` or `it-CH`;
    English when there is no locale."""
    return (locale or DEFAULT).replace("_", "-").split("-")[0].lower()
