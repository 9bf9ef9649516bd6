"""One module per command: what the command does, as a function returning an exit code.

cli.py only declares the typer options and calls these.
"""
