"""journeymap: customer journey maps as YAML in git."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("journeymap")  # defined once, in pyproject.toml
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
