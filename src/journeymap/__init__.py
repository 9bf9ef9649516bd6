"""journeymap: customer journey maps as YAML in git."""

from __future__ import annotations


def __getattr__(name: str) -> str:
    """`journeymap.__version__`, looked up when asked for: importing importlib.metadata
    costs about 40 ms (it brings the email package), more than the rest of `--help`."""
    if name != "__version__":
        raise AttributeError(f"module 'journeymap' has no attribute {name!r}")
    from importlib.metadata import PackageNotFoundError, version

    try:
        found = version("journeymap")  # defined once, in pyproject.toml
    except PackageNotFoundError:  # running from a source tree that was never installed
        found = "0+unknown"
    globals()["__version__"] = found
    return found
