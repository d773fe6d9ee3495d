"""The contract version as a Word document, laid out like the signed contract."""

from itertools import groupby
from typing import Any

from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from klimatkontrakt.contracts import selectors
from klimatkontrakt.contracts.models import CommonSection, ContractVersion
from klimatkontrakt.documents.docx import add_table, new_document, to_bytes


def contract_docx(version: ContractVersion, *, language: str = "sv") -> bytes:
    muni = version.contract.municipality
    with translation.override(language):
        state = "" if version.is_signed else f" ({_('draft')})"
        doc = new_document(
            "Klimatkontrakt 2030",
            subtitle=f"{muni.display_name} – {_('version')} {version.year}{state}",
            language=language,
        )
        parties = list(version.parties.select_related("organisation"))
        for section in selectors.sections_with_commitments(version):
            level = 2 if "." in section.number else 1
            doc.add_heading(f"{section.number}. {section.heading}", level=level)
            if section.key == "parties":
                for p in parties:
                    doc.add_paragraph(p.organisation.name, style="List Bullet")
            if section.common_section is not None:
                _add_common(doc, section.common_section)
            for paragraph in [p for p in section.body.split("\n\n") if p.strip()]:
                doc.add_paragraph(paragraph.strip())
            commitments = list(section.commitments.all())
            multiple = len({c.party_label for c in commitments}) > 1
            for label, group in groupby(commitments, key=lambda c: c.party_label):
                if multiple:
                    doc.add_heading(label, level=3)
                for c in group:
                    item = doc.add_paragraph(style="List Bullet")
                    item.add_run(c.title).bold = True
                    if c.planned_year:
                        item.add_run(f" ({c.planned_year})")
                    department = (
                        c.responsible_department.name
                        if c.responsible_department
                        else _("not assigned")
                    )
                    item.add_run(
                        f"\n{_('Status')}: {c.status.label(language)} · "
                        f"{_('Responsible department')}: {department}"
                    )
                    if c.description:
                        item.add_run(f"\n{c.description}")
        doc.add_heading(_("Signatures"), level=1)
        add_table(
            doc,
            [_("Party"), _("Signatory"), _("Signature")],
            [
                [
                    p.organisation.name,
                    ", ".join(x for x in [p.signatory_name, p.signatory_title] if x),
                    "",
                ]
                for p in parties
            ],
        )
        if version.is_signed and version.signed_at:
            doc.add_paragraph(
                _("Signed %(date)s.")
                % {"date": date_format(version.signed_at, "SHORT_DATE_FORMAT")}
            )
    return to_bytes(doc)


def _add_common(doc: Any, common: CommonSection) -> None:
    """The year's common text and commitments, with each commitment's status from its owner."""
    for paragraph in [p for p in common.body.split("\n\n") if p.strip()]:
        doc.add_paragraph(paragraph.strip())
    for label, group in groupby(common.commitments.all(), key=lambda c: c.party_label):
        doc.add_heading(label, level=3)
        for c in group:
            item = doc.add_paragraph(style="List Bullet")
            item.add_run(c.title).bold = True
            if c.planned_year:
                item.add_run(f" ({c.planned_year})")
            item.add_run(f"\n{_('Status')}: {c.status_label}")
            if c.description:
                item.add_run(f"\n{c.description}")
