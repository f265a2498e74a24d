"""The `lint:` section of cjm.yaml: presets, rule levels and options, ignores, overrides.

```yaml
lint:
  extends: recommended          # or strict
  ignore: ["drafts/**"]         # files no rule looks at
  rules:
    emotion-flat: off
    evidence-missing: error
    review-age: {level: warning, max_days: 180, ignore: ["archive/**"]}
  overrides:
    - files: ["journeys/legacy-*.yaml"]
      rules: {channel-handoff: off}
```
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cjm.core.errors import ConfigError, Location
from cjm.core.suggest import did_you_mean
from cjm.core.workspace import glob_pattern
from cjm.lint.rule import LEVELS, Level, defaults
from cjm.lint.rules import RULES

Locate = Callable[[tuple[str | int, ...]], Location]

PRESETS: dict[str, dict[str, Level]] = {
    "recommended": {rule_id: rule.DEFAULT_LEVEL for rule_id, rule in RULES.items()},
    "strict": dict.fromkeys(RULES, "error"),
}


@dataclass(frozen=True)
class RuleSetting:
    level: str
    options: Mapping[str, Any] = field(default_factory=dict)
    ignore: tuple[str, ...] = ()


@dataclass(frozen=True)
class Override:
    files: tuple[str, ...]
    rules: Mapping[str, RuleSetting]


@dataclass(frozen=True)
class LintConfig:
    """Resolved settings: for each rule, its level and options, and where it looks."""

    rules: Mapping[str, RuleSetting]
    ignore: tuple[str, ...] = ()
    overrides: tuple[Override, ...] = ()

    def ignores(self, relative: str) -> bool:
        """Whether no rule looks at the file (relative to the workspace)."""
        return _any_match(self.ignore, relative)

    def setting(self, rule: str, relative: str) -> RuleSetting | None:
        """The rule's setting for a file (relative to the workspace), None when it is off."""
        if self.ignores(relative):
            return None
        setting = self.rules[rule]
        for override in self.overrides:
            if rule in override.rules and _any_match(override.files, relative):
                setting = override.rules[rule]
        if setting.level == "off" or _any_match(setting.ignore, relative):
            return None
        return setting


def _any_match(patterns: tuple[str, ...], relative: str) -> bool:
    return any(glob_pattern(p).fullmatch(relative) for p in patterns)


def parse(section: Mapping[str, Any] | None, locate: Locate) -> LintConfig:
    """Read the `lint:` section; an unknown key, rule, level or option is a ConfigError."""
    section = section or {}
    _known_keys(section, ("extends", "ignore", "rules", "overrides"), ("lint",), locate)
    preset = section.get("extends", "recommended")
    if preset not in PRESETS:
        raise ConfigError(
            f"unknown preset {preset!r}{did_you_mean(str(preset), PRESETS)}; "
            f"presets: {', '.join(PRESETS)}",
            locate(("lint", "extends")),
        )
    rules = {
        rule: RuleSetting(level, defaults(RULES[rule])) for rule, level in PRESETS[preset].items()
    }
    for rule, value in _custom_free(_mapping(section.get("rules"), ("lint", "rules"), locate)):
        rules[rule] = _rule_setting(rule, value, rules.get(rule), ("lint", "rules", rule), locate)
    overrides = []
    for n, item in enumerate(_list(section.get("overrides"), ("lint", "overrides"), locate)):
        where = ("lint", "overrides", n)
        item = _mapping(item, where, locate)
        _known_keys(item, ("files", "rules"), where, locate)
        files = tuple(_strings(item.get("files"), (*where, "files"), locate))
        if not files:
            raise ConfigError("an override needs `files`: the globs it applies to", locate(where))
        own = {}
        for rule, value in _custom_free(_mapping(item.get("rules"), (*where, "rules"), locate)):
            place = (*where, "rules", rule)
            if isinstance(value, dict):
                for key in value:
                    if key not in ("level", "ignore") and not key.startswith("x-"):
                        raise ConfigError(
                            f"overrides set a rule's `level` and `ignore`; its "
                            f"option {key!r} goes under `lint: rules:`",
                            locate((*place, key)),
                        )
            own[rule] = _rule_setting(rule, value, rules.get(rule), place, locate)
        overrides.append(Override(files, own))
    return LintConfig(
        rules, tuple(_strings(section.get("ignore"), ("lint", "ignore"), locate)), tuple(overrides)
    )


def _custom_free(mapping: Mapping[str, Any]) -> list[tuple[str, Any]]:
    """The entries of a mapping but its `x-` custom fields, which the schema lets anyone add."""
    return [(key, value) for key, value in mapping.items() if not str(key).startswith("x-")]


def _rule_setting(
    rule: str, value: Any, base: RuleSetting | None, where: tuple[str | int, ...], locate: Locate
) -> RuleSetting:
    if rule not in RULES:
        raise ConfigError(
            f"unknown rule {rule!r}{did_you_mean(rule, RULES)} (`cjm rules` lists them)",
            locate(where),
        )
    previous = base or RuleSetting("warning", defaults(RULES[rule]))
    if isinstance(value, bool):  # `false` is `off`, `true` a warning
        value = "warning" if value else "off"
    if isinstance(value, str):
        _level(value, where, locate)
        return RuleSetting(value, previous.options, previous.ignore)
    value = _mapping(value, where, locate)
    level = value.get("level", previous.level if previous.level != "off" else "warning")
    if isinstance(level, bool):
        level = "warning" if level else "off"
    _level(level, (*where, "level"), locate)
    options = {
        **previous.options,
        **validate_rule_options(
            rule,
            {
                k: v
                for k, v in value.items()
                if k not in ("level", "ignore") and not k.startswith("x-")
            },
            where,
            locate,
        ),
    }
    ignore = tuple(_strings(value.get("ignore"), (*where, "ignore"), locate))
    return RuleSetting(level, options, ignore or previous.ignore)


def validate_rule_options(
    rule: str, options: Mapping[str, Any], where: tuple[str | int, ...], locate: Locate
) -> dict[str, Any]:
    """The options cjm.yaml gives ``rule`` (at ``where``), checked against what the rule
    declares: each name, then each value's type and range. Nothing runs the rule, so a
    wrong value is reported at its place in cjm.yaml whatever is linted."""
    declared = {option.name: option for option in RULES[rule].OPTIONS}
    for name, value in options.items():
        if name not in declared:
            raise ConfigError(
                f"rule {rule!r} has no option {name!r}{did_you_mean(name, declared)}"
                f" (its options: {', '.join(declared) or 'none'})",
                locate((*where, name)),
            )
        problem = declared[name].problem(value)
        if problem is not None:
            raise ConfigError(f"option {name!r} of rule {rule!r} {problem}", locate((*where, name)))
    return dict(options)


def _level(level: Any, where: tuple[str | int, ...], locate: Locate) -> None:
    if level not in LEVELS:
        raise ConfigError(f"unknown level {level!r}; levels: {', '.join(LEVELS)}", locate(where))


def _known_keys(
    value: Mapping[str, Any], known: tuple[str, ...], where: tuple[str | int, ...], locate: Locate
) -> None:
    for key in value:
        if key not in known and not str(key).startswith("x-"):
            raise ConfigError(
                f"unknown key {key!r}{did_you_mean(str(key), known)} (known: {', '.join(known)})",
                locate((*where, key)),
            )


def _mapping(value: Any, where: tuple[str | int, ...], locate: Locate) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError("expected a mapping", locate(where))
    return value


def _list(value: Any, where: tuple[str | int, ...], locate: Locate) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ConfigError("expected a list", locate(where))
    return value


def _strings(value: Any, where: tuple[str | int, ...], locate: Locate) -> list[str]:
    items = _list(value, where, locate)
    for n, item in enumerate(items):
        if not isinstance(item, str) or not item:
            raise ConfigError("expected a glob pattern (text)", locate((*where, n)))
    return items
