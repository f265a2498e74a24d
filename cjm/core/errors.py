"""Errors that end a command with a clear message instead of a traceback."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Location:
    """A place in a file, 1-based line and column."""

    path: str
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        if self.line <= 0:
            return self.path
        return f"{self.path}:{self.line}:{self.column}"


class CjmError(Exception):
    """Base of every error cjm reports to the user. Exit code 2."""

    code = "error"

    def __init__(self, message: str, location: Location | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.location = location

    def __str__(self) -> str:
        if self.location is None:
            return self.message
        return f"{self.location}: {self.message}"


class LoadError(CjmError):
    """A file could not be read as a YAML document."""

    def __init__(self, message: str, location: Location, code: str = "yaml-syntax") -> None:
        super().__init__(message, location)
        self.code = code


class ConfigError(CjmError):
    """The workspace configuration (cjm.yaml) or a command-line option is wrong."""

    code = "config"


class UsageError(CjmError):
    """The command line asks for something that cannot be done."""

    code = "usage"
