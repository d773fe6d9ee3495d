"""Word documents with python-docx: one look for every document the system produces."""

import io
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.document import Document as DocumentType
from docx.shared import Cm, Pt


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
