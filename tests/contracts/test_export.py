import io

from docx import Document

from klimatkontrakt.contracts import services
from klimatkontrakt.contracts.structure import STRUCTURE


def test_docx_follows_the_contract_structure(client, version_2023, editor):
    services.sign_version(editor, version_2023)
    r = client.get("/kommun/1780/kontrakt/2023/kontrakt.docx")
    assert r.status_code == 200
    assert r["Content-Disposition"] == 'attachment; filename="klimatkontrakt-karlstad-2023.docx"'
    doc = Document(io.BytesIO(r.content))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    expected = [f"{s.number}. {s.title_sv}" for s in STRUCTURE]
    assert [h for h in headings if h in expected] == expected
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "Karlstads kommun – version 2023" in text
    assert "Åtagande 1" in text and "Öka takten i klimatomställningen." in text
    signatures = doc.tables[-1]
    rows = [[c.text for c in row.cells] for row in signatures.rows]
    assert rows[1][:2] == ["Karlstad kommun", "Anna Andersson, KSO"]
    assert {r[0] for r in rows[1:]} == {"Karlstad kommun", "Formas", "Viable Cities"}


def test_print_page_lists_sections_commitments_and_signatories(client, version_2023, editor):
    services.sign_version(editor, version_2023)
    r = client.get("/kommun/1780/kontrakt/2023/utskrift/")
    text = r.content.decode()
    positions = [text.index(f"{s.number}. {s.title_sv}") for s in STRUCTURE]
    assert positions == sorted(positions)
    assert "Åtagande 2" in text and "Anna Andersson" in text and "@page" in text


def test_draft_export_is_not_public(client, version_2023):
    assert client.get("/kommun/1780/kontrakt/2023/kontrakt.docx").status_code == 404
    assert client.get("/kommun/1780/kontrakt/2023/utskrift/").status_code == 404


def _with_department(version, editor, department_factory):
    dept = department_factory(
        municipality=version.contract.municipality, name="Miljöförvaltningen", short_name="MF"
    )
    c = version.commitments.get(title="Åtagande 1")
    data = services.CommitmentInput.of(c, responsible_department=dept)
    services.update_commitment(editor, c, data, expected_edit_version=c.edit_version)
    services.sign_version(editor, version)


def test_version_page_shows_status_and_department_of_each_commitment(
    client, version_2023, editor, department_factory
):
    _with_department(version_2023, editor, department_factory)
    html = client.get("/kommun/1780/kontrakt/2023/").content.decode()
    items = html.split('<article class="commitment"')[1:]
    assert len(items) == 3
    for item in items:
        assert "Status: <span" in item and "Ansvarig förvaltning: " in item
    assert "Ansvarig förvaltning: Miljöförvaltningen" in items[0]
    assert "Ansvarig förvaltning: inte utsedd" in items[1]
    assert "Genomförd" in items[1]


def test_docx_gives_status_and_department_of_each_commitment(
    client, version_2023, editor, department_factory
):
    _with_department(version_2023, editor, department_factory)
    doc = Document(io.BytesIO(client.get("/kommun/1780/kontrakt/2023/kontrakt.docx").content))
    items = [p.text for p in doc.paragraphs if p.text.startswith("Åtagande")]
    assert items == [
        "Åtagande 1\nStatus: Planerad · Ansvarig förvaltning: Miljöförvaltningen",
        "Åtagande 2\nStatus: Genomförd · Ansvarig förvaltning: inte utsedd",
        "Åtagande 3\nStatus: Pågående · Ansvarig förvaltning: inte utsedd",
    ]
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get("/kommun/1780/kontrakt/2023/kontrakt.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(english.content)).paragraphs)
    assert "Status: Done · Responsible department: not assigned" in text
