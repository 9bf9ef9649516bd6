"""Comments kept through `fmt`: found beside their keys (layout), put back after (placing)."""

from journeymap.formatting.comments.layout import Anchor, Comment, Layout, comment_keys, read_layout
from journeymap.formatting.comments.placing import Unplaceable, place, strip, stripped_pieces

__all__ = [
    "Anchor",
    "Comment",
    "Layout",
    "Unplaceable",
    "comment_keys",
    "place",
    "read_layout",
    "strip",
    "stripped_pieces",
]
