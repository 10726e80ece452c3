"""Each product's formats, the first its default: plain data, so the command line
can offer them without loading the products."""

FORMATS: dict[str, tuple[str, ...]] = {
    "timeline": ("terminal", "markdown", "mermaid", "csv", "ics"),
    "calendar": ("ics",),
    "cost": ("table", "markdown", "csv", "json", "xlsx"),
    "workload": ("table", "markdown", "csv", "json", "xlsx"),
    "invitations": ("text", "markdown", "eml"),
    "feedback": ("text", "markdown", "eml"),
    "report": ("docx", "markdown", "pdf"),
    "site": ("html",),
}
