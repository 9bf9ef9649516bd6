"""References and completeness rules over loaded models.

Types are pydantic's job; this module checks what needs the whole file or the whole
portfolio: ids unique in their scope, every reference resolving, funnel order, and the
completeness rules of DESIGN.md. Each finding points at the element it is about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from journeymap.config import Settings
from journeymap.diagnostics import Diagnostic
from journeymap.loader import Document
from journeymap.model import IGNORE_KEY, Element, Journey, Persona
from journeymap.project import Portfolio
from journeymap.rules import CONFIGURABLE, RULES

Loc = tuple[str | int, ...]

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
_PHONE = re.compile(r"(?<![\w.,/-])\+?\(?\d[\d ()./-]{6,}\d(?![\w])")
_DATEISH = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$")


@dataclass(frozen=True)
class Summary:
    """What other journeys need to know of a journey: enough to resolve links to it."""

    state: str
    touchpoint_ids: frozenset[str]

    @classmethod
    def of(cls, journey: Journey) -> Summary:
        return cls(journey.state, frozenset(tp.id for *_, tp in journey.touchpoints()))


@dataclass
class Index:
    """What the portfolio defines, for resolving references across files.

    With `final` False (a streaming run), the journeys seen so far are not all of them:
    references to other journeys are recorded as pending and resolved at the end.
    """

    journeys: dict[str, Summary]
    library_personas: dict[str, Persona]
    final: bool = True

    @classmethod
    def of(cls, documents: Sequence[Document]) -> Index:
        journeys: dict[str, Summary] = {}
        personas: dict[str, Persona] = {}
        for doc in documents:
            if doc.journey is not None:
                journeys.setdefault(doc.journey.id, Summary.of(doc.journey))
            elif doc.library is not None:
                for persona in doc.library.personas:
                    personas.setdefault(persona.id, persona)
        return cls(journeys, personas)


@dataclass(frozen=True)
class PendingRef:
    """A reference to another journey, to resolve once all journeys are known.

    It keeps the path inside the file, not a position: finding a position can mean a
    second read of the file, which only a reference that turns out broken is worth.
    """

    path: str
    loc: Loc
    kind: str  # "link" (JOURNEY#TOUCHPOINT) or "current" (a future map's current map)
    journey: str
    touchpoint: str | None = None


Locator = Callable[[str, Loc], tuple[int, int]]


def resolve_refs(
    pending: Sequence[PendingRef], journeys: dict[str, Summary], locate: Locator
) -> list[Diagnostic]:
    out = []
    for ref in pending:
        target = journeys.get(ref.journey)
        if target is None:
            where = "linked journey's" if ref.kind == "link" else "current-state map's"
            extra = f"the {where} file must be read in the same run"
            out.append(_unresolved_at(ref, locate, "journey", ref.journey, sorted(journeys), extra))
        elif ref.kind == "link" and ref.touchpoint not in target.touchpoint_ids:
            known = sorted(target.touchpoint_ids)
            what = f"touchpoint in {ref.journey}"
            out.append(_unresolved_at(ref, locate, what, ref.touchpoint or "", known, None))
        elif ref.kind == "current" and target.state != "current":
            line, column = locate(ref.path, ref.loc)
            out.append(
                Diagnostic(
                    ref.path,
                    line,
                    column,
                    "error",
                    "invalid-reference",
                    f"{ref.journey!r} is not a current-state map (its state is {target.state})",
                    "`current` names the map with `state: current` that this one improves",
                )
            )
    return out


def _unresolved_at(
    ref: PendingRef, locate: Locator, what: str, name: str, known: list[str], extra: str | None
) -> Diagnostic:
    line, column = locate(ref.path, ref.loc)
    return Diagnostic(
        ref.path,
        line,
        column,
        "error",
        "unresolved-reference",
        f"unknown {what} {name!r}",
        _unresolved_hint(what, name, known, extra),
    )


def _unresolved_hint(what: str, ref: str, known: list[str], extra: str | None) -> str:
    import difflib

    close = difflib.get_close_matches(ref, known, n=1)
    if close:
        hint = f"did you mean {close[0]!r}?"
    elif known:
        hint = f"known {what} ids: {', '.join(known[:8])}{'…' if len(known) > 8 else ''}"
    else:
        hint = f"no {what} is defined"
    return f"{hint} ({extra})" if extra else hint


def check_portfolio(portfolio: Portfolio, today: date) -> list[Diagnostic]:
    """Every cross-file and completeness finding for the portfolio's targets."""
    documents = portfolio.documents
    index = Index.of(documents)
    out: list[Diagnostic] = []
    out.extend(portfolio_duplicates(portfolio))
    for doc in portfolio.targets:
        if doc.journey is not None:
            out.extend(JourneyChecker(doc, doc.journey, index, portfolio.settings, today).run())
    return out


def portfolio_duplicates(portfolio: Portfolio) -> list[Diagnostic]:
    """Journey ids across the run, and persona ids across libraries, are unique."""
    out = []
    journey_seen: dict[str, str] = {}
    persona_seen: dict[str, str] = {}
    targets = {id(d) for d in portfolio.targets}
    for doc in portfolio.documents:
        if doc.journey is not None:
            first = journey_seen.setdefault(doc.journey.id, doc.path)
            if first != doc.path and id(doc) in targets:
                out.append(
                    doc.source.diagnostic(
                        ("id",),
                        "duplicate-id",
                        f"journey id {doc.journey.id!r} is already used",
                        hint=f"by {first}; journey ids are unique across the portfolio",
                    )
                )
        elif doc.library is not None:
            for i, persona in enumerate(doc.library.personas):
                first = persona_seen.setdefault(persona.id, doc.path)
                if id(doc) in targets and (first != doc.path or _dup_in(doc.library.personas, i)):
                    out.append(
                        doc.source.diagnostic(
                            ("personas", i, "id"),
                            "duplicate-id",
                            f"persona id {persona.id!r} is already defined",
                            hint=f"in {first}; persona ids are unique across persona libraries",
                        )
                    )
    return out


def _dup_in(personas: Sequence[Persona], index: int) -> bool:
    return any(p.id == personas[index].id for p in personas[:index])


class JourneyChecker:
    """All checks of one journey, with the rule settings and silences that apply."""

    def __init__(
        self, doc: Document, journey: Journey, index: Index, settings: Settings, today: date
    ) -> None:
        self.doc = doc
        self.journey = journey
        self.index = index
        self.settings = settings
        self.today = today
        self.out: list[Diagnostic] = []
        self.pending: list[PendingRef] = []
        self._raw: Any = None

    # -- reporting --

    def error(
        self, loc: Loc, rule: str, message: str, hint: str | None = None, *, on_key: bool = False
    ) -> None:
        self.out.append(self.doc.source.diagnostic(loc, rule, message, hint=hint, on_key=on_key))

    def rule(
        self, loc: Loc, rule: str, message: str, silenced: frozenset[str], hint: str | None = None
    ) -> None:
        severity = self.settings.severity(rule)
        if severity == "off" or rule in silenced:
            return
        self.out.append(
            self.doc.source.diagnostic(loc, rule, message, hint=hint, severity=severity)
        )

    def silences(self, element: Element, loc: Loc, inherited: frozenset[str]) -> frozenset[str]:
        for i, name in enumerate(element.ignore):
            if name not in RULES:
                import difflib

                close = difflib.get_close_matches(name, list(CONFIGURABLE), n=1)
                self.error(
                    (*loc, IGNORE_KEY, i),
                    "unknown-rule",
                    f"unknown rule {name!r} in {IGNORE_KEY}",
                    f"did you mean {close[0]!r}?" if close else None,
                )
        return inherited | frozenset(element.ignore)

    # -- the checks --

    def run(self) -> list[Diagnostic]:
        j = self.journey
        silenced = self.silences(j, (), frozenset())
        personas = self.persona_ids()
        evidence = self.unique(
            [(("evidence", i), e.id) for i, e in enumerate(j.evidence)], "evidence"
        )
        phases = self.unique([(("phases", i), p.id) for i, p in enumerate(j.phases)], "phase")
        self.unique([(("stages", i), s.id) for i, s in enumerate(j.stages)], "stage")
        self.unique(
            [(("stages", si, "touchpoints", ti), tp.id) for si, _, ti, tp in j.touchpoints()],
            "touchpoint",
        )
        pain_points = self.unique(
            [
                (("stages", si, "touchpoints", ti, "pain_points", pi), pp.id)
                for si, _, ti, tp in j.touchpoints()
                for pi, pp in enumerate(tp.pain_points)
            ],
            "pain point",
        )
        self.unique(
            [
                (("stages", si, "touchpoints", ti, "opportunities", oi), o.id)
                for si, _, ti, tp in j.touchpoints()
                for oi, o in enumerate(tp.opportunities)
            ],
            "opportunity",
        )
        self.unique(list(self.metric_locs()), "metric")

        addressed: set[str] = set()
        used_personas: set[str] = set()
        for si, stage in enumerate(j.stages):
            sloc: Loc = ("stages", si)
            s_silenced = self.silences(stage, sloc, silenced)
            if stage.phase is not None and stage.phase not in phases:
                self.unresolved((*sloc, "phase"), "phase", stage.phase, sorted(phases))
            self.persona_refs((*sloc, "personas"), stage.personas, personas, used_personas)
            if not stage.goal:
                self.rule(
                    sloc,
                    "stage-goal",
                    f"stage {stage.id!r} has no goal",
                    s_silenced,
                    "say what the company wants to achieve in this stage (`goal`)",
                )
            if not stage.touchpoints:
                self.rule(
                    sloc, "stage-touchpoints", f"stage {stage.id!r} has no touchpoints", s_silenced
                )
            for mi, metric in enumerate(stage.metrics):
                self.metric((*sloc, "metrics", mi), metric, evidence, s_silenced)
            for ti, tp in enumerate(stage.touchpoints):
                tloc: Loc = (*sloc, "touchpoints", ti)
                t_silenced = self.silences(tp, tloc, s_silenced)
                self.touchpoint(tloc, tp, personas, used_personas, evidence, t_silenced)
                for oi, opp in enumerate(tp.opportunities):
                    oloc: Loc = (*tloc, "opportunities", oi)
                    self.silences(opp, oloc, t_silenced)
                    for ai, ref in enumerate(opp.addresses):
                        addressed.add(ref)
                        if ref not in pain_points:
                            self.unresolved(
                                (*oloc, "addresses", ai), "pain point", ref, sorted(pain_points)
                            )

        for si, stage in enumerate(j.stages):
            s_silenced = silenced | frozenset(stage.ignore)
            for ti, tp in enumerate(stage.touchpoints):
                t_silenced = s_silenced | frozenset(tp.ignore)
                for pi, pp in enumerate(tp.pain_points):
                    ploc: Loc = ("stages", si, "touchpoints", ti, "pain_points", pi)
                    p_silenced = self.silences(pp, ploc, t_silenced)
                    for ei, ref in enumerate(pp.evidence):
                        if ref not in evidence:
                            self.unresolved(
                                (*ploc, "evidence", ei), "evidence", ref, sorted(evidence)
                            )
                    if pp.id not in addressed:
                        self.rule(
                            ploc,
                            "pain-point-without-opportunity",
                            f"pain point {pp.id!r} has no opportunity that addresses it",
                            p_silenced,
                            f"add an opportunity with `addresses: [{pp.id}]`",
                        )

        for i, entry in enumerate(j.personas):
            pid = entry if isinstance(entry, str) else entry.id
            p_silenced = (
                silenced
                if isinstance(entry, str)
                else self.silences(entry, ("personas", i), silenced)
            )
            resolved = not isinstance(entry, str) or entry in self.index.library_personas
            if resolved and pid not in used_personas:
                self.rule(
                    ("personas", i),
                    "persona-unused",
                    f"persona {pid!r} appears in no stage or touchpoint",
                    p_silenced,
                    "list it in a stage's or touchpoint's `personas`, or remove it",
                )

        self.state_checks(silenced)
        self.freshness(silenced)
        self.personal_data(silenced)
        return self.out

    def persona_ids(self) -> set[str]:
        """Ids of the journey's personas; string entries must name a library persona."""
        ids: set[str] = set()
        for i, entry in enumerate(self.journey.personas):
            loc: Loc = ("personas", i)
            if isinstance(entry, str):
                if entry not in self.index.library_personas:
                    self.unresolved(
                        loc,
                        "persona",
                        entry,
                        sorted(self.index.library_personas),
                        extra="persona libraries are `kind: personas` files read in the same run",
                    )
                pid = entry
            else:
                pid = entry.id
                if pid in self.index.library_personas:
                    self.error(
                        (*loc, "id"),
                        "duplicate-id",
                        f"persona id {pid!r} is also defined in a persona library",
                        "refer to the library persona by id, or rename this one",
                    )
            if pid in ids:
                self.error(
                    loc if isinstance(entry, str) else (*loc, "id"),
                    "duplicate-id",
                    f"persona {pid!r} is listed twice",
                )
            ids.add(pid)
        return ids

    def unique(self, items: list[tuple[Loc, str]], what: str) -> set[str]:
        seen: dict[str, Loc] = {}
        for loc, ident in items:
            if ident in seen:
                self.error(
                    (*loc, "id"),
                    "duplicate-id",
                    f"{what} id {ident!r} is already used in this journey",
                    f"first used on line {self._line(seen[ident])}",
                )
            else:
                seen[ident] = loc
        return set(seen)

    def _line(self, loc: Loc) -> int:
        return self.doc.source.locate((*loc, "id"))[0]

    def metric_locs(self) -> Iterator[tuple[Loc, str]]:
        for si, stage in enumerate(self.journey.stages):
            for mi, metric in enumerate(stage.metrics):
                yield ("stages", si, "metrics", mi), metric.id
            for ti, tp in enumerate(stage.touchpoints):
                for mi, metric in enumerate(tp.metrics):
                    yield ("stages", si, "touchpoints", ti, "metrics", mi), metric.id

    def unresolved(
        self, loc: Loc, what: str, ref: str, known: list[str], extra: str | None = None
    ) -> None:
        hint = _unresolved_hint(what, ref, known, extra)
        self.error(loc, "unresolved-reference", f"unknown {what} {ref!r}", hint)

    def persona_refs(
        self, loc: Loc, refs: Sequence[str], personas: set[str], used: set[str]
    ) -> None:
        for i, ref in enumerate(refs):
            used.add(ref)
            if ref not in personas:
                self.unresolved(
                    (*loc, i),
                    "persona",
                    ref,
                    sorted(personas),
                    extra="list it in the journey's `personas` first",
                )

    def metric(self, loc: Loc, metric: Any, evidence: set[str], silenced: frozenset[str]) -> None:
        m_silenced = self.silences(metric, loc, silenced)
        for ei, ref in enumerate(metric.evidence):
            if ref not in evidence:
                self.unresolved((*loc, "evidence", ei), "evidence", ref, sorted(evidence))
        if metric.target is None:
            self.rule(
                loc,
                "metric-target",
                f"metric {metric.id!r} has no target",
                m_silenced,
                "set `target` so the gap report can measure it",
            )

    def touchpoint(
        self,
        loc: Loc,
        tp: Any,
        personas: set[str],
        used: set[str],
        evidence: set[str],
        silenced: frozenset[str],
    ) -> None:
        self.persona_refs((*loc, "personas"), tp.personas, personas, used)
        for field in ("emotion", "target_emotion"):
            value = getattr(tp, field)
            if isinstance(value, dict):
                for pid in value:
                    used.add(pid)
                    if pid not in personas:
                        self.error(
                            (*loc, field, pid),
                            "unresolved-reference",
                            f"unknown persona {pid!r} in {field}",
                            "list it in the journey's `personas` first",
                            on_key=True,
                        )
        if tp.funnel is not None and tp.funnel.continued > tp.funnel.entered:
            self.error(
                (*loc, "funnel", "continued"),
                "funnel-order",
                f"funnel continued ({tp.funnel.continued:,}) is more than entered "
                f"({tp.funnel.entered:,})",
                "continued counts those who went on from the people who entered",
            )
        for li, link in enumerate(tp.links):
            self.link((*loc, "links", li), link.to)
        if tp.department is not None and self.settings.config.departments is not None:
            allowed = self.settings.config.departments
            if tp.department not in allowed:
                import difflib

                close = difflib.get_close_matches(tp.department, allowed, n=1)
                self.rule(
                    (*loc, "department"),
                    "unknown-department",
                    f"department {tp.department!r} is not one of the config's departments",
                    silenced,
                    f"did you mean {close[0]!r}?" if close else f"known: {', '.join(allowed)}",
                )
        for mi, metric in enumerate(tp.metrics):
            self.metric((*loc, "metrics", mi), metric, evidence, silenced)
        if not tp.owner and not tp.department:
            self.rule(
                loc,
                "touchpoint-owner",
                f"touchpoint {tp.id!r} has no owner or department",
                silenced,
                "set `owner` or `department` so someone answers for it",
            )
        missing = [f for f in ("importance", "performance") if getattr(tp, f) is None]
        if missing:
            self.rule(
                loc,
                "touchpoint-scores",
                f"touchpoint {tp.id!r} has no {' or '.join(missing)} score",
                silenced,
                "scores 1-5 feed the importance-performance gap analysis",
            )
        if tp.emotion is None:
            self.rule(
                loc,
                "touchpoint-emotion",
                f"touchpoint {tp.id!r} has no emotion",
                silenced,
                "`emotion: 1-5`, or per persona: `{ops-director: 4}`",
            )
        if tp.moment_of_truth and not tp.risks:
            self.rule(
                loc,
                "moment-of-truth-risks",
                f"moment of truth {tp.id!r} names no risks",
                silenced,
                "list what can go wrong here under `risks`",
            )

    def link(self, loc: Loc, target: str) -> None:
        journey_id, _, touchpoint_id = target.partition("#")
        self.refer((*loc, "to"), "link", journey_id, touchpoint_id)

    def refer(self, loc: Loc, kind: str, journey: str, touchpoint: str | None = None) -> None:
        """A reference to another journey: resolved now, or at the end of a streaming run."""
        ref = PendingRef(self.doc.path, tuple(loc), kind, journey, touchpoint)
        if self.index.final or journey in self.index.journeys:
            source = self.doc.source
            self.out.extend(
                resolve_refs([ref], self.index.journeys, lambda _path, at: source.locate(at))
            )
        else:
            self.pending.append(ref)

    def state_checks(self, silenced: frozenset[str]) -> None:
        j = self.journey
        if j.state == "current" and j.current is not None:
            self.error(
                ("current",),
                "invalid-value",
                "`current` is only for future-state maps",
                "set `state: future`, or remove `current`",
            )
        if j.state == "future":
            if j.current is None:
                self.rule(
                    ("state",),
                    "future-without-current",
                    "future-state map does not name the current-state map it improves",
                    silenced,
                    "set `current:` to the id of the current-state journey",
                )
                return
            self.refer(("current",), "current", j.current)

    def freshness(self, silenced: frozenset[str]) -> None:
        j = self.journey
        max_review = self.settings.option("review-stale")
        if j.reviewed is None:
            self.rule(
                ("id",),
                "review-stale",
                "map has never been reviewed",
                silenced,
                "add `reviewed: {by: NAME, date: YYYY-MM-DD}` after the next review",
            )
        else:
            age = (self.today - j.reviewed.date).days
            if age > max_review:
                self.rule(
                    ("reviewed", "date"),
                    "review-stale",
                    f"map was last reviewed {age} days ago (limit {max_review})",
                    silenced,
                    "review the map with its owners and update `reviewed`",
                )
        max_evidence = self.settings.option("evidence-stale")
        for i, ev in enumerate(j.evidence):
            e_silenced = self.silences(ev, ("evidence", i), silenced)
            if ev.date is None:
                self.rule(
                    ("evidence", i),
                    "evidence-stale",
                    f"evidence {ev.id!r} has no date",
                    e_silenced,
                    "date evidence so readers can judge how current it is",
                )
                continue
            age = (self.today - ev.date).days
            if age > max_evidence:
                self.rule(
                    ("evidence", i, "date"),
                    "evidence-stale",
                    f"evidence {ev.id!r} is {age} days old (limit {max_evidence})",
                    e_silenced,
                    "refresh the research, or raise `max_age_days` for evidence-stale",
                )

    def personal_data(self, silenced: frozenset[str]) -> None:
        text = self.doc.source.text
        if not _EMAIL.search(text) and not any(
            _looks_like_phone(m.group()) for m in _PHONE.finditer(text)
        ):
            return  # one pass of C regex over the file clears almost every journey
        data = self._raw = self.doc.source.raw_data
        for loc, text in _strings(data, ()):
            found = _EMAIL.search(text)
            kind = "an e-mail address"
            if found is None:
                found = next(
                    (m for m in _PHONE.finditer(text) if _looks_like_phone(m.group())), None
                )
                kind = "a phone number"
            if found is not None:
                self.rule(
                    loc,
                    "personal-data",
                    f"text contains {kind} ({found.group()!r})",
                    silenced | self._silenced_at(loc),
                    "maps in git quote customers, they do not identify them; remove it",
                )

    def _silenced_at(self, loc: Loc) -> frozenset[str]:
        """Rules silenced by `x-journeymap-ignore` on any mapping along `loc` in the raw data."""
        out: set[str] = set()
        node: Any = self._raw
        for part in loc:
            if isinstance(node, dict):
                ignore = node.get(IGNORE_KEY)
                if isinstance(ignore, list):
                    out.update(x for x in ignore if isinstance(x, str))
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int):
                node = node[part]
        return frozenset(out)


def _looks_like_phone(text: str) -> bool:
    digits = sum(c.isdigit() for c in text)
    stripped = text.strip()
    if _DATEISH.match(stripped):
        return False
    return digits >= 9 and (stripped.startswith(("+", "(")) or digits >= 10) and digits <= 15


def _strings(data: Any, loc: Loc) -> Iterator[tuple[Loc, str]]:
    """Every string value with its path, skipping ids and extension keys' names."""
    stack: list[tuple[Any, Loc]] = [(data, loc)]
    seen: set[int] = set()
    while stack:
        value, at = stack.pop()
        if isinstance(value, str):
            if not at or at[-1] not in ("id", "to", "journeymap", "kind"):
                yield at, value
        elif isinstance(value, (dict, list)):
            if id(value) in seen:  # an alias: its strings were checked where it is anchored
                continue
            seen.add(id(value))
            items = value.items() if isinstance(value, dict) else enumerate(value)
            for key, item in items:
                stack.append((item, (*at, key)))
