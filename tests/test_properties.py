"""Properties: the loader and the validator never crash, whatever the input.

(a) any text or bytes gives a Document or a LoadError; (b) arbitrary YAML
structures and (c) random mutations of the real examples give a Report whose
problems all have a position; (d) the fast schema verdict (jsonschema-rs) agrees
with the detailed report (jsonschema) on every case document and every mutant.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.core.errors import LoadError
from cjm.core.kinds import CONFIG_FILE, CONFIG_KIND, DOCUMENT_KINDS, SCHEMA_NAMES, is_valid, schema
from cjm.core.loader import Document, load_bytes, load_file
from cjm.core.loading import Report
from cjm.core.schema_report import schema_errors
from cjm.validate import validate_paths

ROOT = Path(__file__).parents[1]
CASES = Path(__file__).parent / "cases"
EXAMPLES = sorted(p for p in (ROOT / "examples").iterdir() if (p / CONFIG_FILE).is_file())

LOAD_ERROR_CODES = {
    "yaml-syntax",
    "duplicate-key",
    "yaml-tag",
    "alias-bomb",
    "too-deep",
    "file-too-large",
    "encoding",
    "empty-file",
    "multi-document",
    "not-a-mapping",
    "complex-key",
    "non-finite-number",
    "io",
}
FILE_LEVEL_CODES = {"file-too-large", "io"}


def _all_keys_are_text(value: Any, depth: int = 0) -> bool:
    if depth > 1000:
        return False
    if isinstance(value, dict):
        return all(
            isinstance(k, str) and _all_keys_are_text(v, depth + 1) for k, v in value.items()
        )
    if isinstance(value, list):
        return all(_all_keys_are_text(v, depth + 1) for v in value)
    return value is None or isinstance(value, (str, int, float, bool))


def _load_or_refuse(raw: bytes) -> Document | LoadError:
    try:
        document = load_bytes(raw, "fuzz.yaml")
    except LoadError as e:
        assert e.code in LOAD_ERROR_CODES, e.code
        assert e.location is not None and e.location.path == "fuzz.yaml"
        return e
    assert isinstance(document.data, dict)
    assert _all_keys_are_text(document.data)
    location = document.locate(())
    assert location.line >= 1 and location.column >= 1
    return document


# --- (a) the loader on anything --------------------------------------------------------------

YAML_TOKENS = [
    "a",
    "b",
    "kind",
    "id",
    "1",
    "-1.5",
    "0x1F",
    "yes",
    "~",
    "null",
    ".nan",
    ".inf",
    "2026-01-01",
    ": ",
    ":",
    "- ",
    "-",
    "? ",
    "[",
    "]",
    "{",
    "}",
    ", ",
    "&a ",
    "&b ",
    "*a",
    "*b",
    "<<: ",
    "!!str ",
    "!!int ",
    "!!python/object ",
    "!x ",
    "'",
    '"',
    "#",
    "|",
    ">",
    "\n",
    "\n  ",
    "  ",
    "\t",
    "\r\n",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "\\",
    "é",
    "日",
    "\u2028",
    "\x85",
    "\x00",
    "\x07",
    "\ufeff",
    "\U0001f600",
]
yamlish_text = st.lists(st.sampled_from(YAML_TOKENS), max_size=40).map("".join)


@given(st.text())
def test_any_text_loads_or_is_refused(text: str) -> None:
    _load_or_refuse(text.encode("utf-8", "surrogatepass"))


@given(st.binary())
def test_any_bytes_load_or_are_refused(raw: bytes) -> None:
    _load_or_refuse(raw)


@given(yamlish_text)
def test_yamlish_text_loads_or_is_refused(text: str) -> None:
    _load_or_refuse(text.encode("utf-8", "surrogatepass"))


@given(st.one_of(st.text(), yamlish_text))
def test_every_load_error_has_a_position(text: str) -> None:
    outcome = _load_or_refuse(text.encode("utf-8", "surrogatepass"))
    if isinstance(outcome, LoadError) and outcome.code not in FILE_LEVEL_CODES:
        assert outcome.location is not None
        assert outcome.location.line >= 1 and outcome.location.column >= 1, outcome


# --- shared checks on a validation run ---------------------------------------------------------


def _check_report(report: Report, files: set[str]) -> None:
    assert isinstance(report, Report)
    assert report.exit_code in (0, 1, 2)
    assert (report.exit_code == 0) == (not report.problems)
    for problem in report.problems:
        assert problem.file in files, problem
        assert problem.message, problem
        assert problem.json_path.startswith("$"), problem
        if problem.code in FILE_LEVEL_CODES:
            continue
        assert problem.line >= 1 and problem.column >= 1, problem
        assert problem.code != "schema", problem  # the "could not be checked" fallback


def _schema_verdicts_agree(kind: str, data: Any) -> None:
    fast = is_valid(kind, data)
    detailed = list(schema_errors(kind, data))
    assert fast == (detailed == []), (kind, fast, detailed)


# --- (b) arbitrary structures ----------------------------------------------------------------


def _property_names(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "properties" and isinstance(value, dict):
                yield from value
            yield from _property_names(value)
    elif isinstance(node, list):
        for value in node:
            yield from _property_names(value)


SCHEMA_KEYS = sorted({k for name in SCHEMA_NAMES for k in _property_names(schema(name))})
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(["anna", "web", "2026-03-02", "x-note", "", "a b", "-x", "journey"]),
)
keys = st.one_of(st.sampled_from(SCHEMA_KEYS), st.text(max_size=12), st.just("x-custom"))
values = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(keys, children, max_size=4)
    ),
    max_leaves=30,
)
documents = st.builds(
    lambda kind, body: {"kind": kind, **body},
    st.sampled_from([*DOCUMENT_KINDS, "recipe", "Journey"]),
    st.dictionaries(keys, values, max_size=8),
)


@given(st.one_of(documents, values), st.booleans())
def test_arbitrary_structures_give_a_report(data: Any, explicit: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        workspace = Path(folder)
        (workspace / CONFIG_FILE).write_text("version: 1\n", encoding="utf-8")
        (workspace / "persona.yaml").write_text(
            "kind: persona\nid: anna\nname: Anna\n", encoding="utf-8"
        )
        target = workspace / "doc.yaml"
        target.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        report = validate_paths([target if explicit else workspace], jobs=1, cwd=workspace)
    _check_report(report, {"doc.yaml", "persona.yaml", CONFIG_FILE})


@given(documents)
def test_fast_and_detailed_verdicts_agree_on_arbitrary_documents(data: dict[str, Any]) -> None:
    if data["kind"] in DOCUMENT_KINDS:
        _schema_verdicts_agree(data["kind"], data)


# --- (c) mutations of the examples -----------------------------------------------------------


def _example_documents() -> dict[str, tuple[Path, Path, str, dict[str, Any]]]:
    """Every example file, by name (``workspace/relative/path.yaml``)."""
    found = {}
    for workspace in EXAMPLES:
        for file in sorted(workspace.rglob("*.yaml")):
            data = load_file(file).data
            kind = CONFIG_KIND if file.name == CONFIG_FILE else data["kind"]
            relative = file.relative_to(workspace)
            found[f"{workspace.name}/{relative.as_posix()}"] = (workspace, relative, kind, data)
    return found


EXAMPLE_DOCUMENTS = _example_documents()
example_names = st.sampled_from(sorted(EXAMPLE_DOCUMENTS))

WEIRD_IDS = st.one_of(
    st.sampled_from(
        [
            "anna\n",
            "a b",
            "",
            "-x",
            "città",
            "a" * 81,
            "1",
            "null",
            " ",
            "x-",
            "..",
            "a/b",
            "\t",
            "ID",
            "id-with-emoji-😀",
            "web\n",
        ]
    ),
    st.from_regex(r"[a-z][a-z0-9-]{0,20}\n", fullmatch=True),  # a block scalar's id
    st.text(max_size=90),
    st.integers(),
    st.none(),
    st.booleans(),
)
other_values = st.one_of(
    scalars,
    st.lists(scalars, max_size=3),
    st.dictionaries(st.text(max_size=8), scalars, max_size=3),
)


def _places(node: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[tuple[Any, ...], Any]]:
    if isinstance(node, (dict, list)):
        yield path, node
        items = node.items() if isinstance(node, dict) else enumerate(node)
        for key, value in items:
            yield from _places(value, (*path, key))


def _string_leaves(node: Any) -> Iterator[tuple[Any, Any]]:
    items = (
        node.items()
        if isinstance(node, dict)
        else enumerate(node)
        if isinstance(node, list)
        else ()
    )
    for key, value in items:
        if isinstance(value, str):
            yield node, key
        else:
            yield from _string_leaves(value)


MUTATIONS = [
    "delete",
    "retype",
    "number-for-text",
    "rename",
    "duplicate-item",
    "drop-id",
    "weird-id",
    "nest",
]


def _mutate(data: dict[str, Any], draw: st.DataObject) -> list[str]:
    """Apply one to three random mutations in place; return what was done.

    Places are drawn by their path in the document, so a falsifying example
    reads as ``('stages', 2, 'steps', 0)`` rather than as a whole subtree.
    """
    done = []
    for _ in range(draw.draw(st.integers(1, 3), label="mutations")):
        mutation = draw.draw(st.sampled_from(MUTATIONS), label="mutation")
        containers = {path: node for path, node in _places(data) if node}
        if mutation in ("drop-id", "weird-id"):
            with_id = [p for p, c in containers.items() if isinstance(c, dict) and "id" in c]
            if not with_id:
                continue
            target = containers[draw.draw(st.sampled_from(with_id), label="at")]
            if mutation == "drop-id":
                del target["id"]
            else:
                target["id"] = draw.draw(WEIRD_IDS, label="id")
        elif mutation == "number-for-text":
            leaves = list(_string_leaves(data))
            if not leaves:
                continue
            node, key = leaves[draw.draw(st.integers(0, len(leaves) - 1), label="leaf")]
            node[key] = draw.draw(
                st.one_of(st.integers(), st.floats(allow_nan=False, allow_infinity=False)),
                label="number",
            )
        else:
            container = containers[draw.draw(st.sampled_from(list(containers)), label="at")]
            index = list(container) if isinstance(container, dict) else range(len(container))
            key = draw.draw(st.sampled_from(list(index)), label="key")
            if mutation == "delete":
                del container[key]
            elif mutation == "retype":
                container[key] = draw.draw(other_values, label="value")
            elif mutation == "rename" and isinstance(container, dict):
                new = draw.draw(
                    st.one_of(
                        st.just(key[:-1] if len(key) > 1 else key + "e"),
                        st.just(key.upper()),
                        st.just(key + "s"),
                        st.just("x-" + key),
                        st.text(max_size=10),
                    ),
                    label="new",
                )
                container[new] = container.pop(key)
            elif mutation == "duplicate-item" and isinstance(container, list):
                container.insert(key, copy.deepcopy(container[key]))
            elif mutation == "nest":
                wrap = draw.draw(st.sampled_from(["list", "dict", "same-key"]), label="wrap")
                value = container[key]
                container[key] = (
                    [value]
                    if wrap == "list"
                    else {"x": value}
                    if wrap == "dict"
                    else {str(key): value}
                )
            else:
                continue
        done.append(mutation)
    return done


@pytest.mark.parametrize("workspace", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_are_valid_to_begin_with(workspace: Path) -> None:
    report = validate_paths([workspace], jobs=1, cwd=workspace)
    assert report.problems == []
    assert report.files_checked == len(list(workspace.rglob("*.yaml")))


@settings(max_examples=100)
@given(example_names, st.data())
def test_mutated_examples_give_a_report(name: str, draw: st.DataObject) -> None:
    workspace, relative, _, original = EXAMPLE_DOCUMENTS[name]
    data = copy.deepcopy(original)
    _mutate(data, draw)
    with tempfile.TemporaryDirectory() as folder:
        copy_of = Path(folder) / workspace.name
        shutil.copytree(workspace, copy_of)
        (copy_of / relative).write_text(
            yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        report = validate_paths([copy_of], jobs=1, cwd=copy_of)
        files = {f.relative_to(copy_of).as_posix() for f in copy_of.rglob("*.yaml")}
    _check_report(report, files)


# --- (d) the fast verdict agrees with the detailed one -----------------------------------------


def _case_documents() -> list[tuple[str, str, Any]]:
    found = []
    for file in sorted(CASES.rglob("*.y*ml")):
        if file.name == "expected.yaml":
            continue
        try:
            data = load_file(file).data
        except LoadError:
            continue
        kind = CONFIG_KIND if file.name == CONFIG_FILE else data.get("kind")
        if kind in (*DOCUMENT_KINDS, CONFIG_KIND):
            found.append((file.relative_to(CASES).as_posix(), kind, data))
    return found


CASE_DOCUMENTS = _case_documents()


def test_there_are_case_documents_to_compare() -> None:
    assert len(CASE_DOCUMENTS) > 80


@pytest.mark.parametrize(
    "kind, data",
    [(k, d) for _, k, d in CASE_DOCUMENTS],
    ids=[name for name, _, _ in CASE_DOCUMENTS],
)
def test_fast_and_detailed_verdicts_agree_on_case_documents(kind: str, data: Any) -> None:
    _schema_verdicts_agree(kind, data)


@settings(max_examples=150)
@given(example_names, st.data())
def test_fast_and_detailed_verdicts_agree_on_mutated_examples(
    name: str, draw: st.DataObject
) -> None:
    _, _, kind, original = EXAMPLE_DOCUMENTS[name]
    data = copy.deepcopy(original)
    _mutate(data, draw)
    # Compare on what the validator sees: the mutant written out and loaded back.
    dumped = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode()
    try:
        reloaded = load_bytes(dumped, "mutant.yaml").data
    except LoadError:
        return
    _schema_verdicts_agree(kind, reloaded)


TRICKY_TEXT = ["anna\n", "2026-03-02\n", "en\n", "a b", "", "città", "a" * 81, "x\r"]


def _first_nested_id(node: Any) -> tuple[Any, ...] | None:
    for path, container in _places(node):
        if path and isinstance(container, dict) and isinstance(container.get("id"), str):
            return (*path, "id")
    return None


def test_fast_and_detailed_verdicts_agree_on_tricky_text_in_patterned_fields() -> None:
    # A systematic sweep next to the random one: every example, the fields that have
    # a pattern (ids, dates, locales), each set to text that regex engines disagree on.
    disagreements = []
    for name, (_, _, kind, original) in sorted(EXAMPLE_DOCUMENTS.items()):
        fields = [(k,) for k in ("id", "reviewed", "locale") if k in original]
        nested = _first_nested_id(original)
        if nested is not None:
            fields.append(nested)
        assert fields, name
        for field in fields:
            for text in TRICKY_TEXT:
                data = copy.deepcopy(original)
                node = data
                for part in field[:-1]:
                    node = node[part]
                node[field[-1]] = text
                fast = is_valid(kind, data)
                detailed = list(schema_errors(kind, data))
                if fast != (detailed == []):
                    disagreements.append((name, field, text, fast, detailed))
    assert disagreements == []
