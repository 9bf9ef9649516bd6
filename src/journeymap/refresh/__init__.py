"""`journeymap refresh`: the numbers in journey files, recomputed from CSV exports.

`sources` is the `data:` list of journeymap.yaml, `csvread` reads exports as tools write
them, `compute` turns rows into numbers, `resolve` finds what each entry updates,
`apply` edits the journey files (comments kept). The command lives in
`journeymap.commands.refresh`.
"""
