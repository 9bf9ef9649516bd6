"""Files on disk: reading with limits (and the stdin buffer), atomic and staged writes,
safe output paths, globs. Imports nothing of journeymap but `core`."""
