"""What `journeymap init` writes: project templates, a CI workflow, editor settings."""
