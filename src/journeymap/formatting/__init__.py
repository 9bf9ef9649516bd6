"""`journeymap fmt`: the canonical layout, the fast path, tokens and comments."""
