"""The command-line face: typer declarations (app.py) and rich printing (console.py)."""

from journeymap.cli.app import app, main

__all__ = ["app", "main"]
