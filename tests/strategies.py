"""Hypothesis strategies for structured journeys (valid by construction)."""

from __future__ import annotations

from typing import Any, Protocol, TypeVar

from hypothesis import strategies as st

Ex = TypeVar("Ex")


class Draw(Protocol):
    """What draws a value: `st.composite`'s `draw` or `st.data()`'s `.draw`."""

    def __call__(self, strategy: st.SearchStrategy[Ex], /) -> Ex: ...


ids = st.from_regex(r"[a-z][a-z0-9-]{0,10}", fullmatch=True)
text = st.text(
    alphabet=st.characters(
        blacklist_categories=("Cs", "Cc"), blacklist_characters="\x85\u2028\u2029\ufeff"
    ),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() == s and s != "")
score = st.integers(min_value=1, max_value=5)


@st.composite
def journeys(draw: st.DrawFn) -> dict[str, Any]:
    persona_ids = draw(st.lists(ids, min_size=1, max_size=3, unique=True))
    all_ids = iter(
        draw(
            st.lists(ids, min_size=60, max_size=60, unique=True).filter(
                lambda xs: not set(xs) & set(persona_ids)
            )
        )
    )
    stages = []
    for _ in range(draw(st.integers(1, 4))):
        touchpoints = []
        for _ in range(draw(st.integers(0, 3))):
            tp: dict[str, Any] = {"id": next(all_ids), "name": draw(text)}
            if draw(st.booleans()):
                tp["importance"] = draw(score)
                tp["performance"] = draw(score)
            if draw(st.booleans()):
                tp["emotion"] = draw(
                    st.one_of(score, st.fixed_dictionaries({persona_ids[0]: score}))
                )
            if draw(st.booleans()):
                tp["owner"] = draw(text)
            if draw(st.booleans()):
                tp["risks"] = draw(st.lists(text, max_size=3))
            if draw(st.booleans()):
                entered = draw(st.integers(0, 10_000))
                tp["funnel"] = {"entered": entered, "continued": draw(st.integers(0, entered))}
            if draw(st.booleans()):
                pp = next(all_ids)
                tp["pain_points"] = [{"id": pp, "text": draw(text)}]
                tp["opportunities"] = [
                    {
                        "id": next(all_ids),
                        "text": draw(text),
                        "addresses": [pp],
                        "status": draw(st.sampled_from(["idea", "planned", "done"])),
                    }
                ]
            if draw(st.booleans()):
                tp["x-note"] = draw(text)
            touchpoints.append(tp)
        stage: dict[str, Any] = {
            "id": next(all_ids),
            "name": draw(text),
            "touchpoints": touchpoints,
        }
        if draw(st.booleans()):
            stage["goal"] = draw(text)
        if draw(st.booleans()):
            stage["personas"] = [persona_ids[0]]
        stages.append(stage)
    journey: dict[str, Any] = {
        "journeymap": 1,
        "id": draw(ids),
        "title": draw(text),
        "personas": [{"id": p, "name": draw(text)} for p in persona_ids],
        "stages": stages,
    }
    if draw(st.booleans()):
        journey["tags"] = draw(st.lists(text, max_size=4))
    return journey


def shuffled_keys(data: Any, draw: Draw) -> Any:
    """The same data with every mapping's keys in a random order."""
    if isinstance(data, dict):
        keys = draw(st.permutations(list(data)))
        return {k: shuffled_keys(data[k], draw) for k in keys}
    if isinstance(data, list):
        return [shuffled_keys(v, draw) for v in data]
    return data
