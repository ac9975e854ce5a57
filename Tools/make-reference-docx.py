#!/usr/bin/env python3
"""Makes Templates/docx/reference.docx, the styles of folio's Word edition, reproducibly.

Usage: Tools/make-reference-docx.py [OUTPUT]   (default Templates/docx/reference.docx)

Starts from pandoc's own reference document (`pandoc --print-default-data-file reference.docx`, the
pandoc of PyPI's pypandoc-binary that `make` installs) and, with python-docx:
  - renames the styles pandoc applies itself to the UN names the publications office works with
    ("Heading 1" -> "UN Heading 1", "Body Text" -> "UN Body", ...). pandoc finds a style it applies by
    name, else by its id ("Heading1"), so the renamed styles keep being applied;
  - adds the styles folio asks for with pandoc's `custom-style` (boxes, source lines, draft marks...);
  - sets a plain UN typography (Times New Roman 11 pt text, Arial headings).
The file is then written with fixed ZIP dates, so the same script gives the same bytes.

The publications office may instead edit the committed .docx in Word (Home > Styles > Modify): keep
the style names, change their look. Run this script only to start again from pandoc's defaults.
"""
import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pypandoc
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt, RGBColor

# pandoc's style name -> the UN name the Word edition shows.
RENAMED = {
    "Title": "UN Title",
    "Subtitle": "UN Subtitle",
    "Author": "UN Author",
    "Date": "UN Date",
    "Body Text": "UN Body",
    "First Paragraph": "UN Body First",
    "Compact": "UN Compact",
    "Block Text": "UN Quote",
    "Footnote Text": "UN Footnote Text",
    "Table Caption": "UN Table Caption",
    "Image Caption": "UN Figure Caption",
    "Captioned Figure": "UN Figure",
    "Figure": "UN Figure Body",
    "Bibliography": "UN Bibliography",
    # The list of acronyms (the editions' one definition list).
    "Definition Term": "UN Definition Term",
    "Definition": "UN Definition",
    **{f"Heading {level}": f"UN Heading {level}" for level in range(1, 7)},
}

# The styles folio asks for with `custom-style` (Sources/FolioCore/Editions/EditionStyles.swift):
# name -> (based on, italic, bold, size in points, colour).
CUSTOM = {
    "UN Chapter Summary": ("UN Body", True, False, 11, None),
    "UN Authors": ("UN Body", False, False, 10, RGBColor(0x44, 0x44, 0x44)),
    "UN Draft Mark": ("UN Body", False, True, 10, RGBColor(0xA0, 0x1C, 0x1C)),
    "UN Notice": ("UN Body", True, False, 10, RGBColor(0x44, 0x44, 0x44)),
    "UN Box": ("UN Body", False, False, 10, None),
    "UN Box Title": ("UN Box", False, True, 11, None),
    "UN Source": ("UN Body", False, False, 9, RGBColor(0x44, 0x44, 0x44)),
    "UN Imprint": ("UN Body", False, False, 9, None),
    "UN Imprint Heading": ("UN Imprint", False, True, 10, None),
    "UN Imprint Identifier": ("UN Imprint", False, False, 9, None),
}

HEADING_SIZES = {1: 18, 2: 14, 3: 12, 4: 11, 5: 11, 6: 11}
UN_BLUE = RGBColor(0x00, 0x9E, 0xDB)


def pandoc_reference() -> bytes:
    return subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file", "reference.docx"],
                          check=True, capture_output=True).stdout


def restyle(document: docx.Document) -> None:
    styles = document.styles
    for old, new in RENAMED.items():
        if old in [s.name for s in styles]:
            styles[old].name = new
    body = styles["UN Body"]
    body.font.name = "Times New Roman"
    body.font.size = Pt(11)
    styles["Normal"].font.name = "Times New Roman"
    for level, size in HEADING_SIZES.items():
        heading = styles[f"UN Heading {level}"]
        heading.font.name = "Arial"
        heading.font.size = Pt(size)
        heading.font.bold = True
        heading.font.color.rgb = UN_BLUE if level == 1 else RGBColor(0, 0, 0)
    styles["UN Footnote Text"].font.size = Pt(9)
    for name in ("UN Table Caption", "UN Figure Caption"):
        styles[name].font.bold = True
        styles[name].font.italic = False
        styles[name].font.size = Pt(10)
    for name, (base, italic, bold, size, colour) in CUSTOM.items():
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
        style.font.italic = italic
        style.font.bold = bold
        style.font.size = Pt(size)
        if colour is not None:
            style.font.color.rgb = colour
    box = styles["UN Box"].paragraph_format
    box.left_indent = Pt(14)
    box.right_indent = Pt(14)
    styles["UN Draft Mark"].paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    # The reference list's entries (EditionStyles.bibliography): hanging indents, as in print.
    bibliography = styles["UN Bibliography"].paragraph_format
    bibliography.left_indent = Pt(24)
    bibliography.first_line_indent = Pt(-24)
    bibliography.space_after = Pt(4)
    # The imprint (EditionStyles.imprint…) as in print: small text, headings in the sans font kept
    # with their text, the identifiers close together.
    imprint_heading = styles["UN Imprint Heading"]
    imprint_heading.font.name = "Arial"
    imprint_heading.paragraph_format.keep_with_next = True
    imprint_heading.paragraph_format.space_before = Pt(10)
    styles["UN Imprint Identifier"].paragraph_format.space_after = Pt(2)
    # The list of acronyms: the acronym bold in the sans font, as in print.
    term = styles["UN Definition Term"]
    term.font.name = "Arial"
    term.font.bold = True
    term.paragraph_format.keep_with_next = True


def with_fixed_dates(data: bytes) -> bytes:
    """The same ZIP with every entry dated 1980-01-01 and in a fixed order: reproducible bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        names = source.namelist()
        first = [n for n in names if n == "[Content_Types].xml"]
        for name in first + sorted(n for n in names if n not in first):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(name))
    return out.getvalue()


def main() -> None:
    output = Path(sys.argv[1] if len(sys.argv) > 1 else "Templates/docx/reference.docx")
    document = docx.Document(io.BytesIO(pandoc_reference()))
    restyle(document)
    buffer = io.BytesIO()
    document.save(buffer)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(with_fixed_dates(buffer.getvalue()))
    print(f"wrote {output}")


if __name__ == "__main__":
    main()
