"""The paths of a journey: where each step leads, as the map says.

A journey is read in document order: a step leads to the step after it. A
step's `next` replaces that with the paths it names (a jump, alternatives, a
return to an earlier step, a loop on itself), and `end: true` says the journey
can end there. The last step always can. Everything that follows a journey's
path (hand-offs, reachability, the drawn graph, the diff) asks this module, so
that a linear journey and a branching one are walked the same way.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Literal

from cjm.core.model import Journey, Step

LinkKind = Literal["next", "jump", "return", "loop"]


@dataclass(frozen=True)
class Path:
    """One way on from ``source`` to ``target``.

    ``declared`` is True when the map writes it (`next`), False when it is the
    step after in the map's order. Its ``kind`` says how it runs against that
    order: ``next`` to the step right after, ``jump`` further ahead, ``return``
    back to an earlier step, ``loop`` to the same step again.
    """

    source: Step
    target: Step
    label: str | None = None
    declared: bool = False
    kind: LinkKind = "next"


@dataclass(frozen=True)
class Graph:
    """A journey's steps as a graph: its paths out of each step and into it."""

    steps: tuple[Step, ...]
    out: Mapping[str, tuple[Path, ...]]
    into: Mapping[str, tuple[Path, ...]]
    linear: bool
    order: Mapping[str, int]  # each step id with its place in the map

    @property
    def start(self) -> Step | None:
        """Where the journey starts: its first step."""
        return self.steps[0] if self.steps else None

    @property
    def paths(self) -> tuple[Path, ...]:
        """Every path, by its source's order, then as written."""
        return tuple(p for step in self.steps for p in self.out.get(step.id, ()))

    def ends(self) -> tuple[Step, ...]:
        """The steps where the journey can end: those that lead nowhere."""
        return tuple(step for step in self.steps if not self.out.get(step.id))

    def early_ends(self) -> frozenset[str]:
        """The ids of the steps where the map says the journey can end (`end: true`)
        although they are not its last step, which always can."""
        return frozenset(step.id for step in self.steps[:-1] if step.end)

    def leads(self, source: Step, target: Step, over: Callable[[Step], bool]) -> bool:
        """True when a path leads from ``source`` to ``target`` passing only over steps
        for which ``over`` holds (none: a path straight from one to the other)."""
        seen = {source.id}
        todo = [source]
        while todo:
            for p in self.out.get(todo.pop().id, ()):
                if p.target.id == target.id:
                    return True
                if p.target.id not in seen and over(p.target):
                    seen.add(p.target.id)
                    todo.append(p.target)
        return False

    def reachable(self) -> frozenset[str]:
        """The ids of the steps that some path from the start reaches."""
        if self.start is None:
            return frozenset()
        return _walk({self.start.id}, {k: [p.target.id for p in v] for k, v in self.out.items()})

    def unreachable(self) -> tuple[Step, ...]:
        """The steps no path from the start reaches, in order."""
        if self.linear:
            return ()  # each step leads to the next
        seen = self.reachable()
        return tuple(step for step in self.steps if step.id not in seen)

    def unreachable_runs(self) -> tuple[tuple[Step, ...], ...]:
        """The unreachable steps grouped by where the missing path would lead: each group
        starts with a step that no other unreachable step leads to (else, in a loop of
        them, its first step), followed by the steps reached only through it."""
        lost = self.unreachable()
        left = {step.id for step in lost}
        runs = []
        for root in lost:
            if root.id not in left:
                continue
            feeders = [p for p in self.into.get(root.id, ()) if p.source.id in left]
            if feeders and any(p.source.id != root.id for p in feeders):
                continue  # reached from another lost step: it follows that one
            ids = _walk({root.id}, {k: [p.target.id for p in self.out.get(k, ())] for k in left})
            members = tuple(s for s in lost if s.id in ids and s.id in left)
            left -= {s.id for s in members}
            runs.append(members)
        for step in lost:  # loops of lost steps that nothing else leads into
            if step.id in left:
                ids = _walk(
                    {step.id}, {k: [p.target.id for p in self.out.get(k, ())] for k in left}
                )
                members = tuple(s for s in lost if s.id in ids and s.id in left)
                left -= {s.id for s in members}
                runs.append(members)
        return tuple(sorted(runs, key=lambda run: self.order[run[0].id]))

    def dead_ends(self) -> tuple[Step, ...]:
        """The reachable steps from which no path reaches an end: once there, the customer
        goes round in a loop the map never lets them leave."""
        if self.linear:
            return ()  # each step leads on to the last, which ends the journey
        finishing = _walk(
            {step.id for step in self.ends()},
            {k: [p.source.id for p in v] for k, v in self.into.items()},
        )
        seen = self.reachable()
        return tuple(s for s in self.steps if s.id in seen and s.id not in finishing)

    def traps(self) -> tuple[tuple[Step, ...], ...]:
        """The loops among the dead ends that no path leaves, each in map order, by its
        first step: what the map must open (every dead end leads into one of them)."""
        dead = {step.id for step in self.dead_ends()}
        order = self.order
        out = {k: [p.target.id for p in self.out.get(k, ())] for k in dead}
        into = {k: [p.source.id for p in self.into.get(k, ()) if p.source.id in dead] for k in dead}
        component: dict[str, int] = {}
        for number, root in enumerate(_finishing_order(sorted(dead, key=order.__getitem__), out)):
            if root in component:
                continue
            component[root] = number
            todo = [root]
            while todo:
                for source in into[todo.pop()]:
                    if source not in component:
                        component[source] = number
                        todo.append(source)
        members: dict[int, list[str]] = {}
        for id_, number in component.items():
            members.setdefault(number, []).append(id_)
        by_id = {step.id: step for step in self.steps}
        found = [
            tuple(by_id[i] for i in sorted(ids, key=order.__getitem__))
            for number, ids in members.items()
            if all(component[t] == number for i in ids for t in out[i])
        ]
        return tuple(sorted(found, key=lambda loop: order[loop[0].id]))

    def labelled(self, step: Step) -> tuple[Path, ...]:
        """The paths out of ``step`` when they need saying: when it has several, or a
        declared one that is not simply the step after."""
        out = self.out.get(step.id, ())
        if len(out) > 1 or any(p.declared and (p.kind != "next" or p.label) for p in out):
            return out
        return ()


def _walk(starts: set[str], edges: Mapping[str, list[str]]) -> frozenset[str]:
    seen = set(starts)
    todo = list(starts)
    while todo:
        for target in edges.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return frozenset(seen)


def _finishing_order(starts: list[str], edges: Mapping[str, list[str]]) -> list[str]:
    """Every id reached from ``starts``, latest finished first (a depth-first search
    without recursion, as Kosaraju's way to strongly connected parts needs)."""
    seen: set[str] = set()
    finished: list[str] = []
    for start in starts:
        if start in seen:
            continue
        seen.add(start)
        stack = [(start, iter(edges.get(start, ())))]
        while stack:
            node, targets = stack[-1]
            for target in targets:
                if target not in seen:
                    seen.add(target)
                    stack.append((target, iter(edges.get(target, ()))))
                    break
            else:
                stack.pop()
                finished.append(node)
    return finished[::-1]


def _kind(source: int, target: int) -> LinkKind:
    if target == source:
        return "loop"
    if target < source:
        return "return"
    return "next" if target == source + 1 else "jump"


def graph(journey: Journey) -> Graph:
    """The journey's graph, made once per journey. A `next` naming no step of the journey
    is left out: validation reports it."""
    made: Graph | None = journey.__dict__.get(_MEMO)
    if made is None:
        made = _graph(journey)
        object.__setattr__(journey, _MEMO, made)
    return made


_MEMO = "_cjm_graph"


def _graph(journey: Journey) -> Graph:
    steps = journey.steps
    index = {step.id: i for i, step in enumerate(steps)}
    # while step ids repeat (validation reports it), a `next` cannot say which step it
    # means: the journey is read in the map's order until they are told apart
    written = len(index) == len(steps)
    out: dict[str, list[Path]] = {}
    into: dict[str, list[Path]] = {}
    linear = True
    for i, step in enumerate(steps):
        last = i + 1 == len(steps)
        if written and (step.next or (step.end and not last)):
            linear = False  # `end` on the last step says what it says anyway
        if step.end and written:
            targets: list[Path] = []
        elif step.next and written:
            targets = [
                Path(step, steps[index[link.to]], link.label, True, _kind(i, index[link.to]))
                for link in step.next
                if link.to in index
            ]
        elif i + 1 < len(steps):
            targets = [Path(step, steps[i + 1])]
        else:
            targets = []
        out[step.id] = targets
        for p in targets:
            into.setdefault(p.target.id, []).append(p)
    return Graph(
        steps,
        {k: tuple(v) for k, v in out.items()},
        {k: tuple(v) for k, v in into.items()},
        linear,
        index,
    )


def predecessors(journey: Journey, step: Step, counts: Callable[[Step], bool]) -> tuple[Step, ...]:
    """The steps that ``counts`` the customer can come to ``step`` from, passing over the
    steps it does not count, in the map's order: on a linear journey, the last counted
    step before it."""
    g = graph(journey)
    if g.linear:  # the common case, walked without building sets
        for i in range(g.order[step.id] - 1, -1, -1):
            if counts(g.steps[i]):
                return (g.steps[i],)
        return ()
    found: dict[str, Step] = {}
    seen = {step.id}
    todo = deque(p.source for p in g.into.get(step.id, ()))
    while todo:
        before = todo.popleft()
        if before.id in seen:
            continue
        seen.add(before.id)
        if counts(before):
            found[before.id] = before
        else:
            todo.extend(p.source for p in g.into.get(before.id, ()))
    return tuple(sorted(found.values(), key=lambda s: g.order[s.id]))


def channel_predecessors(journey: Journey, step: Step) -> tuple[Step, ...]:
    """The steps the customer can come to ``step`` from, passing over steps that use no
    channel: on a linear journey, the last step before it that used any."""
    return predecessors(journey, step, lambda before: bool(before.channels))
