"""A plain, self-contained HTML page of a diff: no script, no external resource.

Every author string is escaped; the page forbids everything but its own
inline style.
"""

from __future__ import annotations

from collections.abc import Sequence

from cjm.diff.changes import WARNING
from cjm.diff.engine import DiffResult
from cjm.diff.formats import _md_icon, groups, spark, stage_name, summary
from cjm.diff.words import AUTHOR, ID, Segment, describe, subject_word
from cjm.present.escape import html as escape

CSP = "default-src 'none'; style-src 'unsafe-inline'"
STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 2rem auto; max-width: 70rem;
       padding: 0 1rem; color: #1d2330; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { border-bottom: 1px solid #dde1e8; padding: .35rem .5rem; text-align: left;
         vertical-align: top; }
tr.added td { background: #eefbf0; } tr.removed td { background: #fdf0f0; }
tr.warning td { background: #fff7e0; }
code { font-size: 90%; } .where { color: #5b6475; font-size: 85%; }
.spark { font-family: monospace; font-size: 1.2rem; letter-spacing: .1em; }
"""


def _segments(segments: Sequence[Segment]) -> str:
    out = []
    for text, role in segments:
        if role == ID:
            out.append(f"<code>{escape(text)}</code>")
        elif role == AUTHOR:
            out.append(f"“{escape(text)}”")
        else:
            out.append(escape(text))
    return "".join(out)


def as_html(result: DiffResult) -> str:
    """The page: a summary, then per document a table of its changes."""
    title = f"cjm diff: {result.old_label} → {result.new_label}"
    body = [f"<h1>{escape(title)}</h1>", f"<p>{escape(summary(result))}</p>"]
    for group in groups(result):
        heading = f"{subject_word(group.kind if group.kind != 'channels' else 'channel-catalog')}"
        name = f": {escape(group.title)}" if group.title else ""
        body.append(
            f"<h2>{escape(heading.capitalize())} <code>{escape(group.document)}</code>{name}</h2>"
        )
        if group.affects:
            body.append(
                "<p>Affects "
                + ", ".join(f"<code>{escape(j)}</code>" for j in group.affects)
                + ".</p>"
            )
        line = result.emotion_lines.get(group.document)
        if line is not None:
            rows = "".join(
                f"<tr><td>{escape(p) if p else 'all'}</td>"
                f'<td class="spark">{escape(spark(line, line.old, p))}</td>'
                f'<td class="spark">{escape(spark(line, line.new, p))}</td></tr>'
                for p in line.personas
            )
            body.append(
                "<table><caption>Emotion line, step by step</caption>"
                "<tr><th>persona</th><th>before</th><th>after</th></tr>"
                f"{rows}</table>"
            )
        body.append("<table><tr><th></th><th>stage</th><th>change</th><th>where</th></tr>")
        for change in group.changes:
            css = "warning" if change.level == WARNING else change.verb
            stage = ""
            if change.stage is not None:
                stage = escape(stage_name(result, group.document, change.stage) or change.stage)
            where = "<br>".join(
                escape(s.location) for s in (change.old, change.new) if s is not None
            )
            body.append(
                f'<tr class="{css}"><td>{_md_icon(change)}</td><td>{stage}</td>'
                f"<td>{_segments(describe(change))}</td>"
                f'<td class="where">{where}</td></tr>'
            )
        body.append("</table>")
    return (
        '<!DOCTYPE html>\n<html>\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
