"""What each problem code means: the codes `cjm validate` (and `cjm lint`, before its
rules) reports, each with a one-line summary and a paragraph on why it matters and
how to fix it.

This is the one place these explanations are written. SARIF's rule descriptors are
built from it, and a test checks that every code the checks report is described
here, so that code scanning never shows a code without saying what it means. Lint
rules are documented by their own docstrings instead (`cjm rules`).
"""

from __future__ import annotations

from typing import NamedTuple


class ProblemCode(NamedTuple):
    """The documentation of one problem code."""

    summary: str
    """One sentence: what is wrong."""
    explanation: str
    """Why cjm refuses it and what to do about it (plain text, backticks for code)."""


_FILE = "The file cannot be read as a cjm document"
_SCHEMA = "The document does not match the JSON Schema of its kind"


PROBLEM_CODES: dict[str, ProblemCode] = {
    # reading the file
    "io": ProblemCode(
        "The file could not be read.",
        f"{_FILE}: the operating system refused to read it (permissions, a broken "
        "symbolic link, a folder where a file was expected). The message carries the "
        "system's reason.",
    ),
    "file-too-large": ProblemCode(
        "The file is larger than cjm reads.",
        f"{_FILE} without risk: it is larger than `limits.max_file_size` in cjm.yaml "
        "(5 MiB unless set). Maps are small; a file this large is usually generated "
        "data. Raise the limit in cjm.yaml if the file really is a map.",
    ),
    "encoding": ProblemCode(
        "The file is not UTF-8.",
        f"{_FILE}: cjm reads UTF-8, with or without a byte order mark. The message "
        "points at the first byte that is not UTF-8; save the file as UTF-8 in the "
        "editor.",
    ),
    "empty-file": ProblemCode(
        "The file is empty.",
        "A cjm document is a YAML mapping whose `kind` says what it is (journey, "
        "persona, empathy-map, reality-map, channels). Fill the file in, or delete it.",
    ),
    # YAML
    "yaml-syntax": ProblemCode(
        "The file is not valid YAML.",
        f"{_FILE}: the YAML parser stopped at the position given. Common causes are "
        "a tab used for indentation, a colon followed by a space inside unquoted "
        "text, or an unclosed quote or bracket. Quote text that holds `: ` or starts "
        "with a special character.",
    ),
    "yaml-tag": ProblemCode(
        "A YAML tag that cjm does not accept.",
        "cjm reads YAML's safe subset only: documents hold plain text, numbers, "
        "booleans, lists and mappings. Tags that build other objects (such as "
        "`!!python/object`) are refused, as is a standard tag whose value does not "
        "fit it. Remove the tag.",
    ),
    "duplicate-key": ProblemCode(
        "A key appears twice in the same mapping.",
        "YAML would silently keep only the later value, so half of what was written "
        "would be lost without a word. Merge the two entries or rename one.",
    ),
    "complex-key": ProblemCode(
        "A mapping key that is a list or a mapping.",
        "Keys of a cjm document are plain text. A list or a mapping used as a key is "
        "almost always a misplaced `?` or bracket.",
    ),
    "multi-document": ProblemCode(
        "The file holds more than one YAML document.",
        "Each cjm document lives in a file of its own, so that it can be referenced, "
        "reviewed and diffed on its own. Split the file at each `---`.",
    ),
    "not-a-mapping": ProblemCode(
        "The top level of the file is not a mapping.",
        "A cjm document is a mapping of keys to values with a `kind` key, not a list "
        "or a single value.",
    ),
    "non-finite-number": ProblemCode(
        "A number that is infinite or not a number.",
        "Values such as `.inf` or `.nan` are numbers to YAML but mean nothing in a "
        "map. Quote the value if it is text.",
    ),
    "too-deep": ProblemCode(
        "The data nests deeper than cjm reads.",
        "Nesting deeper than 200 levels, written out or through aliases, is refused "
        "before it costs time or memory. No real map comes close.",
    ),
    "alias-loop": ProblemCode(
        "A YAML alias that refers to a node containing itself.",
        "Such a loop would make the data infinite. Copy the values instead of "
        "referring back to an enclosing node.",
    ),
    "alias-bomb": ProblemCode(
        "YAML aliases that expand to too many values.",
        "Aliases that refer to aliases can multiply a small file into millions of "
        "values (an alias bomb); cjm refuses the file before expanding it. Write the "
        "values out, or use fewer nested aliases.",
    ),
    # kind and schema
    "unknown-kind": ProblemCode(
        "The file's `kind` is not a cjm kind.",
        "Every document says what it is with `kind:` journey, persona, empathy-map, "
        "reality-map or channels (cjm.yaml is the workspace file). A near miss such "
        "as `jorney` comes with a suggestion.",
    ),
    "unknown-key": ProblemCode(
        "A key that the schema does not define here.",
        f"{_SCHEMA}: the key is not one of those allowed at this place, usually a "
        "misspelling (a suggestion follows when one is close). Custom fields are "
        "allowed when their name starts with `x-`.",
    ),
    "required": ProblemCode(
        "A required key is missing.",
        f"{_SCHEMA}: a key it requires is missing. The message names it.",
    ),
    "type": ProblemCode(
        "A value of the wrong type.",
        f"{_SCHEMA}: a value is of the wrong type, such as text where a number or a "
        "list is expected. YAML reads `yes`, `no`, `on` and `off` as booleans and "
        "unquoted digits as numbers; quote the value when it is text.",
    ),
    "enum": ProblemCode(
        "A value that is not one of those allowed.",
        f"{_SCHEMA}: the value must be one of a fixed list, which the message gives "
        "with the closest match.",
    ),
    "const": ProblemCode(
        "A value that must be exactly one thing.",
        f"{_SCHEMA}: the value at this place is fixed (for example a schema version) "
        "and the message says which.",
    ),
    "pattern": ProblemCode(
        "Text that does not have the required form.",
        f"{_SCHEMA}: the text must have a given form; ids, for example, are letters, "
        "digits, `.`, `_` and `-`, starting with a letter or a digit.",
    ),
    "empty": ProblemCode(
        "Text that must not be empty.",
        f"{_SCHEMA}: the value is empty text where some text is needed. Fill it in or "
        "remove the key if it is optional.",
    ),
    "min-items": ProblemCode(
        "A list or mapping with too few entries.",
        f"{_SCHEMA}: the list or mapping needs at least the number of entries the "
        "message gives. Fill it in or remove the key if it is optional.",
    ),
    "unique-items": ProblemCode(
        "A list that names the same value twice.",
        f"{_SCHEMA}: every entry of this list must be different. Remove the repeated one.",
    ),
    "minimum": ProblemCode(
        "A number below the smallest allowed.",
        f"{_SCHEMA}: the number is smaller than the lowest value allowed here.",
    ),
    "exclusiveMinimum": ProblemCode(
        "A number that must be greater than a bound.",
        f"{_SCHEMA}: the number must be strictly greater than the bound the message "
        "gives (a count or a size, say, that cannot be zero).",
    ),
    "maximum": ProblemCode(
        "A number above the largest allowed.",
        f"{_SCHEMA}: the number is larger than the highest value allowed here.",
    ),
    "range": ProblemCode(
        "A number outside the range allowed here.",
        f"{_SCHEMA}: the number must lie within the bounds the message gives. Emotion "
        "scores and scale bounds are whole numbers from -100 to 100; other figures "
        "(metrics, counts, sizes) stay within plus or minus 10^15, so that every "
        "figure can be computed and drawn.",
    ),
    "maxItems": ProblemCode(
        "A list with too many entries.",
        f"{_SCHEMA}: the list holds more entries than allowed here.",
    ),
    "propertyNames": ProblemCode(
        "A key whose name does not have the required form.",
        f"{_SCHEMA}: the keys of this mapping are names of a given form (ids, for "
        "example), and this one does not have it.",
    ),
    "schema": ProblemCode(
        "The document could not be checked against its schema.",
        f"{_SCHEMA}, but no single error could be singled out. Check the document "
        "against the schema that `cjm schema KIND` prints.",
    ),
    # the document and its workspace
    "date": ProblemCode(
        "A date that is not a calendar date.",
        "Dates are written `YYYY-MM-DD` and must exist in the calendar (no 31 April).",
    ),
    "emotion-scale": ProblemCode(
        "An emotion score off the workspace's scale, or a scale that is wrong.",
        "Emotion scores must lie on the scale cjm.yaml sets (-2 to +2 unless set), "
        "and the scale's `min` must be lower than its `max`.",
    ),
    "counterpart": ProblemCode(
        "A journey's counterpart that does not make a current/future pair.",
        "A journey's `counterpart` names the journey that maps the same path in the "
        "other state: a current-state journey and its future-state counterpart. It "
        "cannot name the journey itself, a journey in the same state, or a journey "
        "that names a third one (the pairs would form a chain or a loop).",
    ),
    "framework": ProblemCode(
        "A stage names a framework stage, but the journey names no framework.",
        "`framework_stage` says which stage of the journey's framework (AIDA, the "
        "purchase funnel, 5A, ...) a stage stands for, so the journey must declare "
        "its `framework`.",
    ),
    "lens": ProblemCode(
        "A lens the journey does not declare, or that repeats its framework.",
        "A journey follows one `framework` and may be read through other frameworks, "
        "its `lenses`; each stage then says, under its own `lenses`, which stage of "
        "each of those frameworks it stands for. A stage can map only to a framework "
        "the journey lists in `lenses` (add it there), and the journey's own framework "
        "is not a lens: its stage is given by `framework_stage`.",
    ),
    "step-path": ProblemCode(
        "A step's paths that contradict each other.",
        "A step's `next` lists where the customer can go from it, each step once (with "
        "one label), and `end: true` says the journey ends there. A step cannot both end "
        "the journey and lead on: remove `end`, or remove `next`. Name a step twice in "
        "one `next` and the paths are unclear: keep one entry.",
    ),
    "unreachable-step": ProblemCode(
        "A step that no path from the first step reaches.",
        "A journey starts at its first step and goes on to the step after each one, "
        "unless a step's `next` sends the customer elsewhere or `end: true` ends the "
        "journey there. A step that no such path reaches is never taken by any "
        "customer, which usually means a `next` forgot it. Add a `next` to it from the "
        "step the customer comes from, or move it to where it happens in the map.",
    ),
    "duplicate-id": ProblemCode(
        "Two items, or two documents, share an id.",
        "Ids are how documents refer to each other and how diffs follow an item "
        "across versions, so they must be unique where they are looked up: document "
        "ids in the workspace, channel ids in the catalogs, item ids within their "
        "document.",
    ),
    "unknown-reference": ProblemCode(
        "A reference to an id that does not exist.",
        "A journey names its personas and frameworks, a touchpoint its channels, a "
        "step the steps it leads to (`next`), an opportunity the pain points it "
        "addresses, an item the findings or assumptions behind it, a data source the "
        "channels and touchpoints it is collected at. The id given "
        "is defined nowhere it may be looked up; the message suggests the closest "
        "one. Fix the id, or add what it names.",
    ),
    "wrong-kind-reference": ProblemCode(
        "A reference to an id of the wrong kind.",
        "The id exists, but names something of another kind than the place expects, "
        "such as a journey where a persona is expected, an assumption where a "
        "source is, or a touchpoint where a step is.",
    ),
    # configuration and suppressions
    "config": ProblemCode(
        "The workspace configuration (cjm.yaml) is wrong.",
        "cjm.yaml sets the workspace's defaults, paths and lint settings. The message "
        "says which setting is wrong; nothing is checked against a broken "
        "configuration.",
    ),
    "unused-suppression": ProblemCode(
        "An inline suppression that suppresses nothing.",
        "A `cjm-lint: disable...` comment whose rule finds nothing where it applies. "
        "It hides nothing today but would hide a new finding tomorrow; remove it.",
    ),
}
"""Every problem code that is not a lint rule, in the order a reader meets them."""


def describe_code(code: str) -> ProblemCode:
    """The documentation of ``code``; a general one for a code not described (yet)."""
    known = PROBLEM_CODES.get(code)
    if known is not None:
        return known
    return ProblemCode(
        f"cjm check `{code}`.",
        "A problem with a file's YAML, its schema or its references; the message says "
        "what is wrong and how to fix it.",
    )
