from __future__ import annotations

from pathlib import Path

from ..workspaces import findings

RULE = "legal-basis-missing"
RESEARCH = """\
kind: reality-map
id: research
title: Research
sources:
  - {id: crm, name: CRM, party: first, personal_data: true}
  - {id: panel, name: Panel, party: third}
  - {id: partner-km, name: Partner app, party: second}
  - {id: aggregates, name: Market tables, party: third, personal_data: false}
  - {id: loyalty, name: Loyalty, party: second, personal_data: true, legal_basis: consent}
  - {id: analytics, name: Analytics, party: first}
"""


def test_sources_that_may_hold_personal_data_need_a_legal_basis(tmp_path: Path) -> None:
    found = findings(tmp_path, RULE, {"research.yaml": RESEARCH})
    assert [(where, code) for where, code, _ in found] == [
        ("research.yaml:5:10", RULE),
        ("research.yaml:6:10", RULE),
        ("research.yaml:7:10", RULE),
    ]
    assert "source 'crm' holds personal data but names no `legal_basis`" in found[0][2]
    assert (
        "third-party source 'panel' names no `legal_basis` and does not say whether it "
        "holds personal data"
    ) in found[1][2]
    assert "or `personal_data: false` if it holds none" in found[1][2]


def test_option_parties_narrows_the_parties_that_must_say(tmp_path: Path) -> None:
    found = findings(tmp_path, RULE, {"research.yaml": RESEARCH}, options="parties: [third]")
    assert [where for where, _, _ in found] == ["research.yaml:5:10", "research.yaml:6:10"]


def test_a_legal_basis_or_no_personal_data_passes(tmp_path: Path) -> None:
    fixed = (
        RESEARCH.replace("personal_data: true}", "personal_data: true, legal_basis: contract}", 1)
        .replace("party: third}", "party: third, personal_data: false}")
        .replace("party: second}", "party: second, legal_basis: consent}")
    )
    assert findings(tmp_path, RULE, {"research.yaml": fixed}) == []


USES = """\
kind: reality-map
id: research
title: Research
sources:
  - id: crm
    name: CRM
    party: first
    personal_data: true
    legal_basis: contract
    uses:
      - {purpose: Orders, legal_basis: contract}
      - {purpose: Newsletter}
  - id: loyalty
    name: Loyalty
    party: first
    personal_data: true
    legal_basis: consent
    uses:
      - {purpose: Offers}
"""


def test_with_several_uses_each_needs_its_own_basis(tmp_path: Path) -> None:
    found = findings(tmp_path, RULE, {"research.yaml": USES})
    assert [where for where, _, _ in found] == ["research.yaml:12:19"]
    assert found[0][2] == (
        "use 'Newsletter' of source 'crm' names no `legal_basis`; add the GDPR (art. 6) "
        "basis for this purpose, e.g. consent or contract (the source's own "
        "`legal_basis: contract` stands for its use only when it has one)"
    )


def test_a_source_basis_stands_for_its_only_use(tmp_path: Path) -> None:
    fixed = USES.replace("{purpose: Newsletter}", "{purpose: Newsletter, legal_basis: consent}")
    assert findings(tmp_path, RULE, {"research.yaml": fixed}) == []
    alone = USES.replace("    legal_basis: consent\n", "")
    found = findings(tmp_path, RULE, {"research.yaml": alone})
    assert [where for where, _, _ in found][-1] == "research.yaml:18:19"
    assert "use 'Offers' of source 'loyalty' names no `legal_basis`" in found[-1][2]
