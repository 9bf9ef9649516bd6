"""The common language of every room: Diagnostic, errors, the clock, suggestions, text safety.

It imports nothing else of journeymap, so every room may use it."""
