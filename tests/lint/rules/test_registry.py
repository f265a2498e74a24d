"""The registry lists every rule module of `cjm.lint.rules`, each once, under its own id."""

from __future__ import annotations

import pkgutil

from cjm.lint import rules
from cjm.lint.rules import RULES


def test_every_module_of_the_rules_package_is_registered_once_under_its_id() -> None:
    modules = {info.name for info in pkgutil.iter_modules(rules.__path__)}
    registered = [rule.__name__.rpartition(".")[2] for rule in RULES.values()]
    assert sorted(registered) == sorted(modules)
    assert all(rule_id == rule.ID for rule_id, rule in RULES.items())
