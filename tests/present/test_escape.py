"""Author text made safe per output: Markdown, a terminal, Graphviz, Mermaid."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

from cjm.present.escape import (
    COLOUR,
    PLAIN,
    dot_label,
    markdown,
    markdown_fence,
    markdown_paragraph,
    mermaid_label,
    plain,
    style,
)


def html_of(text: str) -> str:
    return MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text)


# --- Markdown ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "*bold* and **strong**",
        "_under_ and __score__",
        "# a heading",
        "<b>html</b> <script>x</script>",
        "`code` and ``more``",
        "[a link](https://example.com) ![img](x.png)",
        "~~strike~~",
    ],
)
def test_markdown_leaves_author_text_as_text(text: str) -> None:
    html = html_of(markdown_paragraph(text))
    assert html.startswith("<p>") and html.count("<") == 2, html  # only <p> and </p>


def test_markdown_escapes_each_special_character() -> None:
    assert markdown("a*b_c|d<e`f[g]h#i") == "a\\*b\\_c\\|d\\<e\\`f\\[g\\]h\\#i"
    assert markdown("# Title") == "\\# Title"


def test_a_pipe_does_not_end_a_table_cell() -> None:
    table = f"| a | b |\n|---|---|\n| {markdown('x | y')} | z |\n"
    assert html_of(table).count("<td>") == 2


def test_markdown_paragraph_does_not_start_a_list_a_quote_or_a_heading() -> None:
    for text in ("- item", "+ item", "> quote", "2. second", "1) first", "= underline"):
        html = html_of(markdown_paragraph(text))
        assert html.startswith("<p>"), (text, html)


def test_markdown_breaks_autolinks_and_joins_lines() -> None:
    assert "\u2060" in markdown("https://example.com") and "\u2060" in markdown("a@b.example")
    assert markdown("one\ntwo\x1b[31m three") == "one two three"


def test_fence_outgrows_backticks_inside() -> None:
    assert markdown_fence("a ```` b\n", "mermaid") == "`````mermaid\na ```` b\n`````\n"


# --- terminal ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("B\x1b[2J\x1b[31mX", "BX"),  # clear the screen, then red
        ("a\x1b[1;31;48;5;200mb\x1b[0m", "ab"),
        ("x\x1b]0;owned\x07y", "xy"),  # window title, ended by BEL
        ("x\x1b]8;;https://e.example\x1b\\link\x1b]8;;\x1b\\y", "xlinky"),  # hyperlink
        ("x\x1bcy", "xy"),  # reset the terminal
        ("x\x9b2Jy", "xy"),  # C1 control sequence introducer
        ("a\x85b\x9cc\x80d", "a bcd"),  # C1: next line is a break, the others go
        ("a\x00b\x07c\x7fd", "abcd"),
        ("one\ntwo\r\nthree\tfour\u2028five", "one two three four five"),
        ("  spaced   out  ", "spaced out"),
    ],
)
def test_plain_drops_escape_sequences_and_control_characters(text: str, expected: str) -> None:
    assert plain(text) == expected


def test_plain_keeps_accents_emoji_and_wide_characters() -> None:
    text = "Perché è così? Già più café 🏃‍♀️ 日本 — «sì»"
    assert plain(text) == text


def test_one_style_for_colour_and_none() -> None:
    assert style(True) is COLOUR and style(False) is PLAIN
    assert COLOUR.red.startswith("\x1b[") and PLAIN.red == PLAIN.reset == ""


# --- Graphviz and Mermaid ------------------------------------------------------------------


def test_dot_label_leaves_no_markup() -> None:
    assert dot_label('<a href="x">&amp;</a>\\N\n') == (
        "&lt;a href=&quot;x&quot;&gt;&amp;amp;&lt;/a&gt;\\\u2060N"
    )


def test_mermaid_label_uses_entity_codes() -> None:
    assert mermaid_label('say "hi" #1 <b>&`') == "say #quot;hi#quot; #35;1 #lt;b#gt;#amp;#96;"


def test_plain_drops_the_bidirectional_overrides_that_reorder_a_line() -> None:
    # U+202E would show "admin" reversed and what follows it mirrored in a terminal
    assert plain("pay\u202enimda\u202c ok") == "paynimda ok"
    hebrew = "\u05e9\u05dc\u05d5\u05dd"
    assert plain(f"\u2067{hebrew}\u2069 world") == f"{hebrew} world"  # the letters stay
