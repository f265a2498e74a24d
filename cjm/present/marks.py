"""The signs every output puts before a moment, a path and an early end, so that a
reader meets the same one in the page, the diagrams and the Markdown."""

from __future__ import annotations

MOMENT_MARKS = {"truth": "◆", "distinctive": "★"}
PATH_MARKS = {"next": "→", "jump": "↷", "return": "↩", "loop": "↻"}
END_MARK = "■"
