"""`journeymap serve`: the rendered site, in memory, kept fresh while files are edited.

site.py builds the site (pages as bytes, problems as typed data), live.py puts the
reload script and the problem overlay into served pages, server.py answers HTTP from
the in-memory site, watch.py rebuilds when a watched file changes.
"""
