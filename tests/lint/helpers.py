"""Small workspaces in a temporary folder, linted with one rule set to error."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import NamedTuple

from .workspaces import rule_problems, write

CHANNELS = """\
kind: channels
id: channels
channels:
  - {id: web, name: Website, type: digital}
  - {id: app, name: App, type: digital}
  - {id: email, name: Email, type: digital}
  - {id: store, name: Store, type: physical}
  - {id: phone, name: Phone, type: physical}
"""
PERSONAS = {
    "personas/ada.yaml": "kind: persona\nid: ada\nname: Ada\n",
    "personas/bo.yaml": "kind: persona\nid: bo\nname: Bo\n",
}


class Found(NamedTuple):
    where: str
    code: str
    level: str
    message: str


def lint_rule(
    root: Path, rule: str, files: Mapping[str, str], *, options: str = "", config: str = ""
) -> list[Found]:
    """Lint a workspace of ``files`` (plus a channel catalog and two personas) with
    ``rule`` at error, and return that rule's findings.

    ``options`` go in the rule's flow mapping, ``config`` at the top of cjm.yaml.
    """
    setting = f"{{level: error, {options}}}" if options else "error"
    write(
        root,
        {
            "cjm.yaml": f"{config}lint:\n  rules:\n    {rule}: {setting}\n",
            "channels.yaml": CHANNELS,
            **PERSONAS,
            **files,
        },
    )
    return [
        Found(f"{p.file}:{p.line}:{p.column}", p.code, p.level, p.message)
        for p in rule_problems(root, rule)
    ]
