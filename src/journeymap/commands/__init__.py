"""One module per command, each a plain function: parsed arguments in, exit code out.

Commands compute and decide; they print only through the `Console` they are given
(see `_output`), so they can be called from tests, from other commands or from a
future server without a terminal. Usage problems raise `journeymap.project.discovery.UsageError`
(exit 2); the face (`journeymap.cli`) turns that into one clear line.
"""
