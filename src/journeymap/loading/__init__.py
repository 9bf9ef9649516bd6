"""Documents to models: YAML data through pydantic, with errors worded for people."""
