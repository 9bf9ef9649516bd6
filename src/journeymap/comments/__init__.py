"""Comments kept through `fmt`: found beside their keys (layout), put back after (placing)."""

from journeymap.comments.layout import Anchor, Comment, Layout, comment_keys, read_layout
from journeymap.comments.placing import Unplaceable, place, strip

__all__ = [
    "Anchor",
    "Comment",
    "Layout",
    "Unplaceable",
    "comment_keys",
    "place",
    "read_layout",
    "strip",
]
