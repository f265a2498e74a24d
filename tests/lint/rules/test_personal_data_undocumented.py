from __future__ import annotations

from pathlib import Path

from ..workspaces import findings

RULE = "personal-data-undocumented"
RESEARCH = """\
kind: reality-map
id: research
title: Research
sources:
  - {id: crm, name: CRM, party: first, personal_data: true, legal_basis: contract}
  - id: loyalty
    name: Loyalty
    party: first
    controller: Shop Ltd
    uses:
      - {purpose: Offers, legal_basis: consent}
      - {purpose: Points, legal_basis: contract, retention: 2 years}
  - {id: panel, name: Panel, party: third, personal_data: false}
  - {id: analytics, name: Analytics, party: first}
"""


def test_each_missing_purpose_retention_and_controller_is_one_finding(tmp_path: Path) -> None:
    found = findings(tmp_path, RULE, {"research.yaml": RESEARCH})
    assert [where for where, _, _ in found] == [
        "research.yaml:5:10",
        "research.yaml:5:10",
        "research.yaml:11:19",
    ]
    assert {found[0][2], found[1][2]} == {
        "source 'crm' holds personal data but says not what for: add its `uses`, one per "
        "purpose, each with its `legal_basis` and `retention`",
        "source 'crm' holds personal data but names no `controller`: add who decides why "
        "and how it is processed (and any `joint_controllers`)",
    }
    assert found[2][2] == (
        "use 'Offers' of source 'loyalty' says not how long the data is kept: add its "
        "`retention`, e.g. `10 years after the order` or `until consent is withdrawn`"
    )


def test_documented_personal_data_and_other_data_pass(tmp_path: Path) -> None:
    fixed = RESEARCH.replace(
        "  - {id: crm, name: CRM, party: first, personal_data: true, legal_basis: contract}\n",
        "  - id: crm\n    name: CRM\n    party: first\n    personal_data: true\n"
        "    controller: Shop Ltd\n    joint_controllers: [Market Srl]\n"
        "    uses: [{purpose: Orders, legal_basis: contract, retention: 10 years}]\n",
    ).replace(
        "{purpose: Offers, legal_basis: consent}",
        "{purpose: Offers, legal_basis: consent, retention: until consent is withdrawn}",
    )
    assert findings(tmp_path, RULE, {"research.yaml": fixed}) == []
