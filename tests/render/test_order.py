"""Diagrams of a journey whose paths meet again come out the same on every run.

The workspace in ``tests/render/converging/`` has two alternatives (the web page and
the shop counter) that both lead to a step with no channel (waiting) and then to a
support call: two hand-offs into one step, each passing over a step without a channel.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.render.regenerate import rendered_under_two_hash_seeds

ROOT = Path(__file__).resolve().parents[2]
JOURNEY = Path(__file__).resolve().parent / "converging" / "journeys" / "waiting.yaml"


@pytest.mark.parametrize("form", [("mermaid",), ("dot",)])
def test_hand_offs_into_one_step_come_out_in_the_same_order_whatever_the_hash_seed(
    form: tuple[str, ...],
) -> None:
    outputs = rendered_under_two_hash_seeds(
        str(JOURNEY), "-f", *form, "--lanes", "channel", "-o", "-"
    )
    assert len(outputs) == 1
    (output,) = outputs
    assert output.count(b"==>" if form == ("mermaid",) else b"#8e44ad") >= 2
