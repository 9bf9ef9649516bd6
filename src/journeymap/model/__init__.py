"""pydantic models of the journey file format, version 1 (docs/format.md); nothing else.

Models are strict: YAML already gives us typed values, so `importance: "3"` or
`moment_of_truth: yes` are mistakes to point at, not values to coerce. Unknown keys are
errors (the loader turns them into "did you mean" diagnostics); keys starting with `x-`
are dropped before validation so teams can keep custom data anywhere. The package is
split by what a model describes; everything is importable from `journeymap.model`.
"""

from journeymap.model.base import (
    COLOR_PATTERN,
    FORMAT_VERSION,
    ID_MAX_LENGTH,
    ID_PATTERN,
    IGNORE_KEY,
    LINK_PATTERN,
    Day,
    Element,
    Id,
    Name,
    Part,
    Score,
    Text,
)
from journeymap.model.journey import Account, Evidence, Journey, Phase, Review, Stage
from journeymap.model.people import Level, Persona, PersonaEntry, PersonaLibrary, Role
from journeymap.model.touchpoint import (
    Blueprint,
    Channel,
    Emotion,
    Funnel,
    HistoryPoint,
    Link,
    Metric,
    Opportunity,
    OpportunityStatus,
    PainPoint,
    Touchpoint,
)

__all__ = [
    "COLOR_PATTERN",
    "FORMAT_VERSION",
    "ID_MAX_LENGTH",
    "ID_PATTERN",
    "IGNORE_KEY",
    "LINK_PATTERN",
    "Account",
    "Blueprint",
    "Channel",
    "Day",
    "Element",
    "Emotion",
    "Evidence",
    "Funnel",
    "HistoryPoint",
    "Id",
    "Journey",
    "Level",
    "Link",
    "Metric",
    "Name",
    "Opportunity",
    "OpportunityStatus",
    "PainPoint",
    "Part",
    "Persona",
    "PersonaEntry",
    "PersonaLibrary",
    "Phase",
    "Review",
    "Role",
    "Score",
    "Stage",
    "Text",
    "Touchpoint",
]
