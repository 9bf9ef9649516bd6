"""The values each `--format` (and `init --template`) accepts, shared by face and commands.

Kept apart from the commands so the face can declare its options without importing them.
"""

from typing import Literal

ValidateFormat = Literal["text", "json", "github", "sarif"]
RulesFormat = Literal["text", "json"]
RenderFormat = Literal["html", "md"]
GapsFormat = Literal["md", "html", "json"]
DiffFormat = Literal["text", "md", "json"]
ExportFormat = Literal["mermaid", "csv", "json"]
TemplateName = Literal["b2b", "b2b2c", "blueprint"]
