"""Word documents with python-docx: one look for every document the system produces."""

import io
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from docx.text.paragraph import Paragraph


def new_document(title: str, *, subtitle: str = "", language: str = "sv") -> DocumentType:
    doc = Document()
    for section in doc.sections:
        section.left_margin = section.right_margin = Cm(2.2)
        section.top_margin = section.bottom_margin = Cm(2.0)
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"  # type: ignore[attr-defined]
    normal.font.size = Pt(11)  # type: ignore[attr-defined]
    doc.core_properties.title = title
    doc.core_properties.language = "sv-SE" if language.startswith("sv") else "en-GB"
    doc.add_heading(title, level=0)
    if subtitle:
        doc.add_paragraph(subtitle)
    return doc


def add_table(
    doc: DocumentType,
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    style: str = "Table Grid",
) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = style
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(str(text))
        run.bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = "" if value is None else str(value)


def add_picture_png(doc: DocumentType, png: bytes, *, width_cm: float = 16.0) -> None:
    doc.add_picture(io.BytesIO(png), width=Cm(width_cm))


def to_bytes(doc: DocumentType) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def add_field(paragraph: Paragraph, instruction: str, placeholder: str = "") -> None:
    """A Word field (PAGE, NUMPAGES, TOC ...) whose value Word computes when it lays out."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(begin)
    run._r.append(instr)
    run._r.append(separate)
    paragraph.add_run(placeholder)
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    paragraph.add_run()._r.append(end)


def add_page_numbers(doc: DocumentType, label: str) -> None:
    """ "Page n / N" in the footer of every section."""
    for section in doc.sections:
        paragraph = section.footer.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(f"{label} ")
        add_field(paragraph, "PAGE", "1")
        paragraph.add_run(" / ")
        add_field(paragraph, "NUMPAGES", "1")


def add_contents(doc: DocumentType, heading: str, placeholder: str) -> None:
    """A table of contents of the headings; Word fills it in when it opens the document."""
    # Not a heading style, so the contents do not list themselves.
    title = doc.add_paragraph().add_run(heading)
    title.bold = True
    title.font.size = Pt(14)
    add_field(doc.add_paragraph(), 'TOC \\o "1-2" \\h \\z \\u', placeholder)
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    doc.settings.element.append(update)


def add_watermark(doc: DocumentType, text: str) -> None:
    """Large light text at the top of every page (the header of every section), e.g. UTKAST."""
    for section in doc.sections:
        paragraph = section.header.paragraphs[0]
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold = True
        run.font.size = Pt(40)
        run.font.color.rgb = RGBColor(0xB0, 0xB0, 0xB0)
