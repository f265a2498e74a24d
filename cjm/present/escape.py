"""Author text made safe for each output, and the colours of terminal output.

Author text reaches a terminal, Markdown, Graphviz and Mermaid; each gives some
characters a meaning, and none of them may change what cjm draws or prints.
Every function here starts from :func:`plain`: the text on one line, with no
control character. HTML pages show :func:`printable` text, which Jinja's
autoescape then escapes (:mod:`cjm.present.html`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape

# --- one line, no control character -------------------------------------------------------

# a terminal acts on these: CSI (colours, cursor moves, clearing the screen), OSC (window
# titles, links), DCS, SOS, PM and APC strings, and two-character ESC sequences; C1's
# single-character CSI and OSC (U+009B, U+009D) start the same sequences
_CONTROL_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[\x30-\x3f]*[\x20-\x2f]*[\x40-\x7e]?"
    r"|(?:\x1b[\]PX^_]|[\x9d\x90\x98\x9e\x9f])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[\x20-\x2f]*[\x30-\x7e]?"
)
# line breaks and tabs become spaces; every other C0 and C1 control, and DEL, goes
_BREAKS = "\t\n\v\f\r\x1c\x1d\x1e\x1f\x85\u2028\u2029"
# the bidirectional embeddings, overrides and isolates reorder what a terminal shows
_BIDI = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
_CONTROLS = dict.fromkeys((*range(0x20), *range(0x7F, 0xA0), *_BIDI)) | {
    ord(c): " " for c in _BREAKS
}


_KEPT_IN_PAGES = str.maketrans(dict.fromkeys((*range(0x20), *range(0x7F, 0xA0)))) | {
    ord(c): c for c in "\t\n\r"
}


def printable(text: str) -> str:
    """Author text with its escape sequences and control characters gone, line breaks
    kept: what an HTML page shows (where Jinja's autoescape then escapes markup)."""
    if text.isprintable():
        return text
    return _CONTROL_SEQUENCE.sub("", text).translate(_KEPT_IN_PAGES)


def html(text: str) -> Markup:
    """Author text for an HTML page built outside a template: printable, then escaped."""
    return escape(printable(text))


def plain(text: str) -> str:
    """Author text on one line with no control character, for a terminal and as the
    start of every other escaping: escape sequences (colours, cursor moves, screen
    clearing, window titles) are dropped with their parameters, line breaks and tabs
    become spaces, other C0 and C1 control characters go, and runs of spaces become one.
    """
    if not text.isprintable():  # most author text is: no control character to look for
        text = _CONTROL_SEQUENCE.sub("", text).translate(_CONTROLS)
    return " ".join(text.split())


# --- terminal -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Style:
    """ANSI styles for text output; every field empty when colour is off."""

    bold: str = ""
    dim: str = ""
    red: str = ""
    green: str = ""
    yellow: str = ""
    cyan: str = ""
    reset: str = ""


COLOUR = Style(
    bold="\x1b[1m",
    dim="\x1b[2m",
    red="\x1b[31m",
    green="\x1b[32m",
    yellow="\x1b[33m",
    cyan="\x1b[36m",
    reset="\x1b[0m",
)
PLAIN = Style()


def style(colour: bool) -> Style:
    return COLOUR if colour else PLAIN


# --- Markdown -----------------------------------------------------------------------------

_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#!~&$"})
_BLOCK_START = re.compile(r"[-+=:>]")
_ORDERED_START = re.compile(r"(\d+)([.)])")
_AUTOLINK = re.compile(r"(?i)(?<=:)(?=//)|(?<=www)(?=\.)|(?=@)")


def markdown(text: str) -> str:
    """Author text as literal Markdown, on one line.

    The characters that Markdown (and a git host's extensions: tables,
    strikethrough, math) gives a meaning get a backslash, so nothing becomes
    emphasis, code, a link, a heading or HTML, and `|` cannot end a table cell;
    a word joiner (U+2060) breaks what a git host would turn into a link by
    itself (`://`, `www.`, `@`).
    """
    return _AUTOLINK.sub("\u2060", plain(text).translate(_MARKDOWN_SPECIAL))


def markdown_paragraph(text: str) -> str:
    """Author text as a literal Markdown paragraph (or list item): nothing at its start
    makes it a list, a quote or a heading underline."""
    escaped = markdown(text)
    if _BLOCK_START.match(escaped):
        return "\\" + escaped
    # `2. Calls` would start an ordered list: the backslash goes before the mark, since
    # one before a digit would be shown
    return (
        _ORDERED_START.sub(r"\1\\\2", escaped, count=1)
        if _ORDERED_START.match(escaped)
        else escaped
    )


def markdown_code(text: str) -> str:
    """Text for a Markdown code span: a backtick would end it, so it becomes a quote."""
    return plain(text).replace("`", "'")


def markdown_fence(code: str, language: str) -> str:
    """``code`` in a fence longer than any run of backticks inside it."""
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{code}{fence}\n"


# --- Graphviz -----------------------------------------------------------------------------

_XML_INVALID = re.compile("[\ufffe\uffff\ud800-\udfff]")
_DOT_ESCAPE = re.compile(r"\\(?=[NGEHTL])")


def dot_label(text: str) -> str:
    """Author text, safe inside a Graphviz HTML-like label: ``&``, ``<``, ``>`` and
    ``"`` escaped, and a word joiner (U+2060) after a backslash that Graphviz would read
    as an escape (``\\N``, the node's name, even there)."""
    text = _DOT_ESCAPE.sub("\\\\\u2060", _XML_INVALID.sub("\ufffd", plain(text)))
    return (
        text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    )


# --- Mermaid ------------------------------------------------------------------------------

_JOURNEY_CHARS = str.maketrans({":": "\ua789", "#": "\uff03", ";": "\uff1b"})
_JOURNEY_TITLE_CHARS = str.maketrans({"<": "\uff1c", ">": "\uff1e", "&": "\uff06"})
_JOURNEY_KEYWORD = re.compile(r"(?i)(journey\b|title\s|section\s|acc(title|descr))")
_FLOWCHART_CHARS = {"#": "#35;", '"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "`": "#96;"}


def mermaid_journey(text: str, fallback: str = "-") -> str:
    """Author text that a Mermaid journey's section, task or actor can carry.

    `:`, `#` and `;` end a task or a title, so they become look-alike characters
    (U+A789, U+FF03, U+FF1B), as does `%%` (a comment); a task that would start
    with a keyword gets a zero-width space in front.
    """
    text = plain(text).translate(_JOURNEY_CHARS).replace("%%", "\uff05\uff05")
    if text.startswith("%"):
        text = "\uff05" + text[1:]
    if _JOURNEY_KEYWORD.match(text):
        text = "\u200b" + text
    return text or fallback


def mermaid_journey_title(text: str, fallback: str) -> str:
    """A journey diagram's title: Mermaid reads `<`, `>` and `&` there as HTML, so they
    become U+FF1C, U+FF1E and U+FF06."""
    return mermaid_journey(text, fallback).translate(_JOURNEY_TITLE_CHARS)


def mermaid_actor(text: str) -> str:
    """A journey diagram's actor: `,` separates actors, so it becomes U+FF0C."""
    return mermaid_journey(text).replace(",", "\uff0c")


def mermaid_label(text: str) -> str:
    """Author text for a quoted Mermaid flowchart label: `"`, `#`, `&`, `<`, `>` and the
    backtick as Mermaid entity codes."""
    return "".join(_FLOWCHART_CHARS.get(c, c) for c in plain(text))
