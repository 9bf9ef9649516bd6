YAML_RULES: set[str] = set()
