"""What each property of journeymap's JSON outputs means, for their JSON Schemas.

The types come from the dataclasses that produce the output (`output_schema.py` reads
them with pydantic); the words live here, once, keyed by the class and the field. The
generator refuses a field without words and words for a field that does not exist, so
this table cannot drift from the code.
"""

from __future__ import annotations

from typing import Any

from journeymap.checks.registry import Rule
from journeymap.core.diagnostics import Diagnostic, Summary
from journeymap.diff.compare import Change
from journeymap.gaps import results as g
from journeymap.gaps.scoring import Crosshair

VERSION = "Version of this output's shape. It changes only when a field is removed or renamed, or changes meaning; added fields keep it."

_TOUCHPOINT = "Id of the touchpoint."
_STAGE = "Id of the stage."
_JOURNEY = "Id of the journey."
_NAME = "Name of the touchpoint, as the map shows it."
_EVIDENCE = "The evidence behind it, each with its date and age."

WORDS: dict[type, dict[str, str]] = {
    Diagnostic: {
        "path": "The file, as given on the command line or found through journeymap.yaml (relative to the current folder when it is under it). In `diff`, followed by the version, e.g. `journeys/acme.yaml at HEAD`.",
        "line": "Line of the problem, counted from 1.",
        "column": "Column of the problem, counted from 1.",
        "severity": "`error` fails the run; `warning` fails it under `--strict`; `info` never does.",
        "rule": "The rule broken; `journeymap rules NAME` explains it.",
        "message": "What is wrong, in a sentence.",
        "hint": "How to mend it (a suggestion or the expected form), or null.",
    },
    Summary: {
        "files": "How many files were checked.",
        "errors": "How many diagnostics are errors.",
        "warnings": "How many diagnostics are warnings.",
        "infos": "How many diagnostics are notes (severity `info`).",
    },
    Change: {
        "journey": "Id of the journey changed, or `(persona library)` for a change to a shared persona.",
        "stage": "Id of the stage the change is in, or null for a change to the journey itself.",
        "subject": "What changed, as a reader names it: `journey acme`, `touchpoint demo`, `pain point slow-setup`.",
        "action": "What happened to the subject. `changed` is a field with a new value (`field`, `old`, `new`; for a list of ids changed in more than one item, both whole lists); `item-added` and `item-removed` one item of a list field (for `history`, one reading: `{date, value}`).",
        "field": "The field that changed (for `changed`, `item-added`, `item-removed`), else null. `history[DATE]` is the reading of that date, given a new value.",
        "old": "The value before: any JSON value, or null when there was none.",
        "new": "The value after: any JSON value, or null when there is none.",
        "direction": "For scores and metrics: `improved` or `worsened` (performance, emotion, metrics by their `better`), `raised` or `lowered` (importance, severity, effort, ...); else null.",
    },
    Rule: {
        "name": "The rule's name, as diagnostics and journeymap.yaml write it.",
        "default": "Its severity when journeymap.yaml says nothing: `off`, `warning` or `error`.",
        "summary": "What it checks, in one sentence.",
        "group": "The family of rules it belongs to.",
        "explanation": "Why it matters and how to satisfy it (Markdown).",
        "bad": "A small journey file that breaks the rule (empty when there is none).",
        "good": "The same file, mended (empty when there is none).",
        "configurable": "True when journeymap.yaml can set it to off, warning or error; false for rules that are always errors.",
        "option": "The name of the rule's numeric option in journeymap.yaml, or null.",
        "option_default": "The option's default value, or null.",
    },
    Crosshair: {
        "method": "How the crosshair was placed: `midpoint` of the 1-5 scale or the `mean` of the scores.",
        "importance": "Importance at which the chart is split; a score equal to it counts as high.",
        "performance": "Performance at which the chart is split; a score equal to it counts as high.",
        "touchpoints": "How many touchpoints the crosshair was computed over (for `mean`).",
    },
    g.JourneyRef: {
        "id": _JOURNEY,
        "title": "Title of the journey.",
        "state": "`current` or `future`.",
    },
    g.Gap: {
        "kind": "What kind of shortfall: importance vs performance, emotion, metric, funnel, handoff, an unaddressed pain point, or a buying-committee handover risk (`committee`).",
        "journey": _JOURNEY,
        "stage": _STAGE,
        "touchpoint": "Id of the touchpoint, or null for a gap of the stage (a stage metric, a handoff).",
        "score": "size x weight x moment_of_truth_factor, rounded to 2 places; the list is ordered by it.",
        "size": "How far from where it should be, on the 0-5 scale of the scores.",
        "weight": "How much it matters (importance / 5 for ipa and funnel gaps, else 1).",
        "moment_of_truth_factor": "1.5 at a moment of truth, else 1.",
        "summary": "The gap in a sentence.",
    },
    g.EvidenceRef: {
        "id": "Id of the evidence.",
        "title": "Its title, or null.",
        "kind": "Its kind (interview, survey, analytics, ...), or null.",
        "date": "When it was gathered (YYYY-MM-DD), or null.",
        "age_days": "Days from its date to today, or null without a date.",
        "stale": "True when it is older than the `evidence-stale` rule allows, or has no date.",
    },
    g.IpaRow: {
        "journey": _JOURNEY,
        "stage": _STAGE,
        "touchpoint": _TOUCHPOINT,
        "name": _NAME,
        "importance": "Importance score, 1-5.",
        "performance": "Performance score, 1-5.",
        "gap": "importance - performance (negative when it performs above its importance).",
        "quadrant": "Its quadrant against the crosshair.",
        "moment_of_truth": "True when the touchpoint is a moment of truth.",
    },
    g.EmotionRow: {
        "journey": _JOURNEY,
        "stage": _STAGE,
        "touchpoint": _TOUCHPOINT,
        "name": _NAME,
        "persona": "The persona the scores are for, or null when both are single scores.",
        "felt": "The emotion felt, 1-5.",
        "target": "The target emotion, 1-5.",
        "gap": "target - felt.",
    },
    g.MetricRow: {
        "journey": _JOURNEY,
        "stage": _STAGE,
        "touchpoint": "Id of the touchpoint the metric is on, or null for a stage metric.",
        "metric": "Id of the metric.",
        "name": "Name of the metric.",
        "kind": "Kind of metric (nps, csat, ces, conversion, ...).",
        "unit": "Its unit, or null.",
        "value": "Its current value, or null.",
        "target": "Its target, or null.",
        "better": "`higher` or `lower`: which way is better.",
        "shortfall": "How far the value misses the target, relative to the target (0 when met); null without a value or a target.",
        "status": "`met`, `missed`, or `unknown` without a value or a target.",
        "as_of": "The date of the value (YYYY-MM-DD), or null.",
        "evidence": _EVIDENCE,
    },
    g.FunnelRow: {
        "journey": _JOURNEY,
        "stage": _STAGE,
        "touchpoint": _TOUCHPOINT,
        "name": _NAME,
        "entered": "How many reached the touchpoint.",
        "continued": "How many went on from it.",
        "lost": "entered - continued.",
        "lost_share": "lost / entered, from 0 to 1.",
    },
    g.Transition: {
        "from_touchpoint": "Id of the touchpoint before the handoff.",
        "to_touchpoint": "Id of the touchpoint after it.",
    },
    g.HandoffRow: {
        "journey": _JOURNEY,
        "stage": _STAGE,
        "from_department": "The department handing over.",
        "to_department": "The department taking over.",
        "personas": "Ids of the personas whose path crosses it.",
        "transitions": "The pairs of touchpoints where it happens.",
    },
    g.Finding: {
        "rule": "The completeness rule broken.",
        "severity": "Its severity: `error`, `warning` or `info`.",
        "message": "What is missing, in a sentence.",
        "line": "Line in the journey file, or null.",
    },
    g.StageCell: {
        "stage": _STAGE,
        "touchpoints": "How many touchpoints of the stage serve the persona.",
        "state": "`served` (a touchpoint serves the persona), `unserved` (the stage names the persona, no touchpoint serves it) or `absent`.",
    },
    g.PersonaRow: {
        "persona": "Id of the persona.",
        "cells": "One cell a stage, in the order of `stages`.",
    },
    g.PersonaStageMatrix: {
        "stages": "Ids of the stages, the matrix's columns.",
        "rows": "One row a persona.",
    },
    g.PersonaStage: {
        "persona": "Id of the persona.",
        "stage": "Id of the stage that names the persona without a touchpoint for it.",
    },
    g.PainPointRow: {
        "stage": _STAGE,
        "touchpoint": _TOUCHPOINT,
        "pain_point": "Id of the pain point.",
        "text": "What hurts, as the map says it.",
        "severity": "Its severity, 1-5, or null.",
        "addressed_by": "Ids of the opportunities that address it.",
        "evidence": _EVIDENCE,
        "evidence_kinds": "How many distinct kinds of evidence back it (interview, survey, ...).",
    },
    g.Coverage: {
        "journey": _JOURNEY,
        "findings": "The completeness rules the journey breaks.",
        "persona_stage": "Which persona each stage serves.",
        "unserved": "Persona and stage pairs with no touchpoint for the persona.",
        "pain_points": "Every pain point, with what addresses it and its evidence.",
        "pain_points_without_opportunity": "Ids of pain points no opportunity addresses.",
        "pain_points_without_evidence": "Ids of pain points without evidence.",
        "metrics_without_evidence": "Ids of metrics without evidence.",
        "pain_points_with_evidence": "How many pain points have evidence.",
        "evidence_share": "pain_points_with_evidence / number of pain points, or null without pain points.",
        "opportunities_by_status": "How many opportunities have each status (idea, planned, in-progress, done, dropped).",
        "reviewed": "Date of the last review (YYYY-MM-DD), or null.",
        "review_age_days": "Days since that review, or null.",
        "review_stale": "True when the review is older than the `review-stale` rule allows, or missing.",
        "evidence": "The journey's evidence library.",
    },
    g.TouchpointRef: {
        "touchpoint": _TOUCHPOINT,
        "name": _NAME,
        "stage": _STAGE,
    },
    g.FieldChange: {
        "field": "The touchpoint's field that differs.",
        "old": "Its value in the current-state map, or null.",
        "new": "Its value in the future-state map, or null.",
    },
    g.ChangedTouchpoint: {
        "touchpoint": _TOUCHPOINT,
        "name": _NAME,
        "stage": _STAGE,
        "changes": "The fields that differ between the two maps.",
    },
    g.PainPointOutcome: {
        "pain_point": "Id of the pain point in the current-state map.",
        "text": "What hurts, as the map says it.",
        "stage": _STAGE,
        "touchpoint": _TOUCHPOINT,
        "addressed_by": "Future opportunities (not dropped) that name this pain point in `addresses`.",
        "touchpoint_retired": "True when the future map retires its touchpoint (lists it in `retires`).",
    },
    g.FutureComparison: {
        "journey": "Id of the future-state journey.",
        "current": "Id of the current-state journey it names, or null.",
        "found": "False when that current-state map was not read (every list is then empty).",
        "added": "Touchpoints only the future map has.",
        "retired": "Current touchpoints the future map lists in `retires`.",
        "not_covered": "Current touchpoints that the future map neither keeps nor lists in `retires`.",
        "changed": "Touchpoints in both maps whose fields differ.",
        "unchanged": "Touchpoints in both maps, the same.",
        "pain_points_resolved_by_design": "Pain points the future map drops from a touchpoint it keeps, or whose touchpoint it retires.",
        "pain_points_still_open": "Pain points the future map still lists.",
        "pain_points_addressed": "Pain points whose touchpoint is not in the future map but that a future opportunity addresses.",
        "pain_points_not_covered": "Pain points none of the above applies to.",
    },
    g.Report: {
        "crosshair": "Where the importance vs performance chart is split.",
        "journeys": "The journeys analysed.",
        "gaps": "The ranked gaps, biggest score first (the first N with `--top N`).",
        "ipa": "Every touchpoint scored on importance and performance, by quadrant then gap.",
        "emotions": "Emotion gaps, biggest first.",
        "metrics": "Every metric with its status.",
        "funnel": "Touchpoints that lose people, most lost first.",
        "handoffs": "Changes of department on a persona's path.",
        "coverage": "What each journey covers and misses.",
        "future": "Each future-state map against its current-state map.",
        "committee": "Handover risks where the buying committee changes (`committee_changes`).",
    },
    g.CommitteeRisk: {
        "journey": _JOURNEY,
        "stage": "Id of the stage of the committee change.",
        "risk": "`no-handover`, `weak-handover`, `late-decision-maker` or `pain-points-leave`.",
        "persona": "Id of the persona at the heart of it: the one who leaves, or who joins.",
        "touchpoint": "Id of the handover touchpoint, or null.",
        "summary": "The risk in a sentence.",
    },
}

# Properties an output adds to a dataclass's fields, with their schema.
EXTRA: dict[type, dict[str, dict[str, Any]]] = {
    Change: {
        "text": {
            "type": "string",
            "description": "The change in a sentence, as `diff` prints it (with the stage, which the text and Markdown output give as a heading instead).",
        },
    },
}
