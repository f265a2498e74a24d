"""Every item of a document, for rules that look at all of them (ids, text)."""

from __future__ import annotations

from collections.abc import Iterator

from cjm.core.model import Document, Node, child_fields
from cjm.core.references import ITEM_LABELS

_DOCUMENT_LABELS = {
    "journey": "journey",
    "persona": "persona",
    "empathy-map": "empathy map",
    "reality-map": "reality map",
    "channels": "channel catalog",
}


def nodes(node: Node) -> Iterator[Node]:
    """The node and every item inside it, depth first, in document order."""
    yield node
    for name in child_fields(type(node)):
        value = getattr(node, name)
        if isinstance(value, Node):
            yield from nodes(value)
        elif isinstance(value, tuple):
            for item in value:
                yield from nodes(item)


def label(node: Node) -> str:
    """What the item is, in words: `journey`, `pain point`, `support process`..."""
    if isinstance(node, Document):
        return _DOCUMENT_LABELS.get(node.kind, node.kind)
    key = next((part for part in reversed(node.path) if isinstance(part, str)), "")
    return ITEM_LABELS.get(key, key.replace("_", " "))


def subject(document: Document, node: Node) -> tuple[str, ...]:
    """The ids that name ``node``: the document's, then the item's own when it has one."""
    own = getattr(node, "id", None)
    if node is document or not isinstance(own, str):
        return (document.id,)
    return (document.id, own)
