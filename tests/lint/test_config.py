"""The `lint:` section: presets from the registry, and options checked against their
declarations when cjm.yaml is read, before any rule runs."""

from __future__ import annotations

from typing import Any

import pytest
import yaml

from cjm.core.errors import ConfigError, Location
from cjm.lint.config import PRESETS, parse
from cjm.lint.rule import LEVELS, defaults
from cjm.lint.rules import RULES


def locate(path: tuple[str | int, ...]) -> Location:
    return Location("cjm.yaml")


def error(section: str) -> tuple[str, tuple[str | int, ...]]:
    """The message of the ConfigError that ``section`` (YAML) raises, and the JSON path
    of the place in cjm.yaml it is reported at."""
    places: list[tuple[str | int, ...]] = []

    def remember(path: tuple[str | int, ...]) -> Location:
        places.append(path)
        return locate(path)

    with pytest.raises(ConfigError) as raised:
        parse(yaml.safe_load(section), remember)
    return raised.value.message, places[-1]


def test_presets_come_from_each_rules_declaration() -> None:
    assert PRESETS["recommended"] == {rule_id: r.DEFAULT_LEVEL for rule_id, r in RULES.items()}
    assert PRESETS["strict"] == dict.fromkeys(RULES, "error")
    assert PRESETS["recommended"]["evidence-missing"] == "off"
    assert PRESETS["recommended"]["legal-basis-missing"] == "error"
    config = parse(None, locate)
    assert {rule: s.level for rule, s in config.rules.items()} == PRESETS["recommended"]
    assert all(config.rules[rule].options == defaults(r) for rule, r in RULES.items())


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_declares_a_level_and_options_whose_defaults_are_valid(rule: str) -> None:
    module = RULES[rule]
    assert rule == module.ID
    assert module.DEFAULT_LEVEL in LEVELS
    for option in module.OPTIONS:
        assert option.description, option.name
        assert option.problem(option.default) is None, option.name
    assert parse({"rules": {rule: {"level": "error", **defaults(module)}}}, locate).rules[
        rule
    ].options == defaults(module)


@pytest.mark.parametrize(
    "setting, fragment",
    [
        ("emotion-drop: {treshold: 1}", "has no option 'treshold'; did you mean 'threshold'?"),
        ("channel-handoff: {depth: 1}", "has no option 'depth' (its options: none)"),
        ("emotion-drop: {threshold: yes}", "takes float, like its default 2.0"),
        ("emotion-drop: {threshold: -0.5}", "takes a number of points (0 or more), not -0.5"),
        ("emotion-flat: {min_steps: 2.5}", "takes int, like its default 3"),
        ("emotion-flat: {min_steps: -1}", "takes a number of steps (0 or more), not -1"),
        ("review-age: {max_days: '30'}", "takes int, like its default 365"),
        ("review-age: {max_days: -1}", "takes a number of days (0 or more), not -1"),
        ("review-age: {require: 1}", "takes bool, like its default False"),
        ("id-style: {style: pascal}", "is one of kebab, snake, camel, any, not 'pascal'"),
        ("id-style: {style: [kebab]}", "takes str, like its default 'kebab'"),
        ("lane-empty: {lanes: thoughts}", "takes list"),
        ("lane-empty: {lanes: [thought]}", "unknown lane 'thought' (lanes: actions,"),
        ("lane-empty: {lanes: [1]}", "unknown lane 1"),
        ("evidence-missing: {items: [thoughts]}", "takes a list of pain_points and emotions"),
        ("legal-basis-missing: {parties: [fourth]}", "takes a list of first, second, third"),
        ("placeholder-text: {patterns: ['']}", "takes a list of regular expressions, not ['']"),
        ("placeholder-text: {patterns: ['ok', '(TODO']}", "'(TODO' is not a regular expression"),
    ],
)
def test_a_wrong_option_is_refused_at_its_key_without_running_the_rule(
    setting: str, fragment: str
) -> None:
    rule, _, rest = setting.partition(":")
    message, where = error(f"rules:\n  {setting}\n")
    assert fragment in message
    assert rule in message
    name = next(iter(yaml.safe_load(rest)))
    assert where == ("lint", "rules", rule, name)


def test_options_set_under_rules_hold_in_overrides_too() -> None:
    section: dict[str, Any] = yaml.safe_load(
        "rules:\n  emotion-drop: {threshold: 3}\n  review-age: {level: error, max_days: 30}\n"
        "overrides:\n  - files: ['a/**']\n    rules: {review-age: warning}\n"
    )
    config = parse(section, locate)
    assert config.rules["emotion-drop"].options == {"threshold": 3}
    assert config.rules["review-age"].options == {"max_days": 30, "require": False}
    setting = config.setting("review-age", "a/p.yaml")
    assert setting is not None
    assert (setting.level, setting.options["max_days"]) == ("warning", 30)
