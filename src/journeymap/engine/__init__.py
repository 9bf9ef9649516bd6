"""Validation at scale: the validate engine, workers, portfolio loading, the pipeline,
parallel work and the cache."""
