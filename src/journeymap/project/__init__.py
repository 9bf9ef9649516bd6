"""The project a run works on: journeymap.yaml as data, file discovery, standard input."""
