"""The committee timeline's figures, worked out by hand on the bundled example.

The example's committee: the Operations Director (decision maker) is met in Needs
identification, the IT Security Lead (technical evaluator) in Consideration, the Finance
Director (economic buyer) in Decision. So with all three roles required, 1, 2 and then
3 of 3 have been met by the first three stages.
"""

from __future__ import annotations

from conftest import EXAMPLES
from journeymap.loading.loader import load_file
from journeymap.model import Journey, PersonaLibrary
from journeymap.model.who import personas_of
from journeymap.views.committee import committee_timeline, roles_met
from journeymap.views.site import MapSet


def example() -> tuple[Journey, MapSet]:
    journey = load_file(EXAMPLES / "journeys" / "acme-b2b-current.yaml", "j").model
    library = load_file(EXAMPLES / "personas" / "buying-committee.yaml", "p").model
    assert isinstance(journey, Journey) and isinstance(library, PersonaLibrary)
    return journey, MapSet([journey], {p.id: p for p in library.personas})


def test_required_roles_met_by_each_stage() -> None:
    journey, maps = example()
    people = personas_of(journey, maps.library)
    required = {
        "economic-buyer": "decision",
        "technical-evaluator": "consideration",
        "decision-maker": "decision",
        "champion": "no-such-stage",  # a stage this journey lacks: not counted
    }
    met = roles_met(journey, people, required)
    assert met is not None
    assert [c.text for c in met.cells] == ["1 of 3", "2 of 3", *["3 of 3"] * 5]
    assert met.cells[0].label == "Needs identification and awareness: 1 of 3 required roles met"
    assert met.note == (
        "Required: technical evaluator by Consideration and evaluation, decision maker by "
        "Decision and purchase, economic buyer by Decision and purchase."
    )
    assert roles_met(journey, people, {"champion": "no-such-stage"}) is None


def test_the_timeline_marks_the_handover_and_the_join() -> None:
    journey, maps = example()
    people = personas_of(journey, maps.library)
    timeline = committee_timeline(journey, people, maps.styles)
    assert timeline is not None and timeline.roles is None
    rows = {r.persona: r for r in timeline.rows}
    old, new = rows["Finance Director"], rows["New Finance Director"]
    assert [c.active for c in old.cells] == [True] * 5 + [False, False]
    assert [c.mark for c in old.cells][5] == "hands over" and old.cells[5].met == 1
    assert [c.active for c in new.cells] == [False] * 5 + [True, True]
    assert [c.mark for c in new.cells][5] == "joins"
    assert [c.met for c in new.cells] == [0, 0, 0, 0, 0, 2, 1]
