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
