"""The semantic diff: compare two sets of journey files by meaning.

compare (what changed, as typed data), output (text, Markdown, JSON, canonical lines),
revisions (which files at which git revisions), gitfiles (reading them with git),
driver (git's external diff and textconv), gitsetup (wiring those into a repository).
"""
