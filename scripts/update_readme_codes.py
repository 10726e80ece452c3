"""Rewrite the table of finding codes in README.md from the catalogue
(dialogkit/catalogue.py), between `<!-- codes:start -->` and `<!-- codes:end -->`.

    .venv/bin/python scripts/update_readme_codes.py

tests/test_catalogue.py fails when the README and the catalogue differ.
"""

from pathlib import Path

from dialogkit.render.catalogue import replace_readme_table

README = Path(__file__).resolve().parent.parent / "README.md"


def main() -> None:
    text = README.read_text(encoding="utf-8")
    updated = replace_readme_table(text)
    if updated != text:
        README.write_text(updated, encoding="utf-8")
        print(f"Updated the table of codes in {README}.")


if __name__ == "__main__":
    main()
