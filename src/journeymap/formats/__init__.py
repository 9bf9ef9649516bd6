"""Output formats of diagnostics: text for people, JSON, GitHub and SARIF for machines."""
