"""What a lint rule module declares: its id, default level, options, and its check.

A rule is a module of `cjm.lint.rules` with

- ``ID``: the rule's id, as cjm.yaml, suppressions and findings name it;
- ``DEFAULT_LEVEL``: its level in the `recommended` preset (`strict` sets every
  rule to error);
- ``OPTIONS``: a tuple of `Option`, the settings cjm.yaml may give it, with
  their types, defaults and ranges, checked when cjm.yaml is read;
- ``WHOLE_WORKSPACE``: whether it concludes that something is used nowhere in
  the workspace (a channel, a persona); such a rule does not run while a
  document of the workspace cannot be read whole, which may be the one using it;
- a docstring that is its user documentation;
- ``check(context, options)``, which yields findings and may trust its options.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, Literal, Protocol

from cjm.lint.base import Context, Finding, Options

Level = Literal["off", "warning", "error"]
LEVELS: tuple[Level, ...] = ("off", "warning", "error")

Validator = Callable[[Any], str | None]
"""What is wrong with an option's value of the right type, as the end of a sentence
that starts "option 'name' of rule 'id'" (e.g. "takes ..., not ..."); None if nothing."""


@dataclass(frozen=True)
class Option:
    """One option of a rule: its name, type, default and what it does.

    ``type`` is bool, int, float (an int is accepted too), str or list; the items
    of a list, and ranges, are for ``validator`` to check.
    """

    name: str
    type: type[Any]
    default: Any
    description: str
    validator: Validator | None = None

    def problem(self, value: Any) -> str | None:
        """What is wrong with ``value`` for this option, or None."""
        if not _is_a(value, self.type):
            return f"takes {self.type.__name__}, like its default {self.default!r}"
        return None if self.validator is None else self.validator(value)


def _is_a(value: Any, kind: type[Any]) -> bool:
    if isinstance(value, bool) or kind is bool:
        return isinstance(value, bool) and kind is bool
    if kind is float:
        return isinstance(value, int | float)
    return isinstance(value, kind)


class Rule(Protocol):
    """A rule module, as the registry, the engine and the docs see it."""

    ID: str
    DEFAULT_LEVEL: Level
    WHOLE_WORKSPACE: bool
    OPTIONS: tuple[Option, ...]

    def check(self, context: Context, options: Options) -> Iterator[Finding]: ...


def defaults(rule: Rule) -> dict[str, Any]:
    """The rule's options with their default values."""
    return {option.name: option.default for option in rule.OPTIONS}


def at_least(minimum: float, takes: str) -> Validator:
    """A number no smaller than ``minimum``; ``takes`` says what the option takes."""

    def validate(value: Any) -> str | None:
        return None if value >= minimum else f"takes {takes}, not {value!r}"

    return validate


def one_of(choices: Iterable[str]) -> Validator:
    """One of ``choices``."""
    known = tuple(choices)

    def validate(value: Any) -> str | None:
        return None if value in known else f"is one of {', '.join(known)}, not {value!r}"

    return validate


def list_of(choices: Iterable[str], takes: str) -> Validator:
    """A list of some of ``choices``; ``takes`` names them in the message."""
    known = tuple(choices)

    def validate(value: Any) -> str | None:
        if all(isinstance(item, str) and item in known for item in value):
            return None
        return f"takes a list of {takes}, not {value!r}"

    return validate
