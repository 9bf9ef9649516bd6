"""Pages: the Jinja environment, rendering of maps and reports, the site and its page pool."""
