"""A class workshop's file: 967 rows in, all or nothing, the same file twice counts once, every bad
row named with file, row and column in the interface language; also from the command line."""

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from klimatkontrakt.engagement.models import Channel, Proposal, ProposalImport
from klimatkontrakt.engagement.services.proposal_intake import import_proposals
from klimatkontrakt.sources.errors import SourceError

pytestmark = pytest.mark.django_db


def _csv(n=967, bad_rows=()):
    lines = ["förslag;skola;årskurs;tema;inkommen"]
    for i in range(n):
        grade = "femte" if i in bad_rows else f"{4 + i % 3}B"
        lines.append(f"Idé nummer {i};Exempelskolan {i % 5};{grade};energi,mat;2024-03-04")
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_a_workshop_file_of_967_proposals_is_imported_once(editor, karlstad):
    data = _csv()
    result = import_proposals(editor, karlstad, data, "klass.csv", Channel.PUPILS_COUNCIL)
    assert (result.created, result.already_imported) == (967, False)
    assert Proposal.objects.filter(municipality=karlstad).count() == 967
    p = Proposal.objects.get(text="Idé nummer 1")
    assert (p.school, p.grade, p.channel) == ("Exempelskolan 1", 5, Channel.PUPILS_COUNCIL)
    assert sorted(t.name for t in p.themes.all()) == ["energi", "mat"]
    assert p.source_import.filename == "klass.csv"
    again = import_proposals(editor, karlstad, data, "kopia.csv", Channel.PUPILS_COUNCIL)
    assert again.already_imported and Proposal.objects.count() == 967
    assert ProposalImport.objects.count() == 1


def test_bad_rows_are_each_named_and_nothing_is_imported(editor, karlstad):
    with pytest.raises(SourceError) as refused:
        import_proposals(
            editor, karlstad, _csv(20, bad_rows={3, 11}), "klass.csv", "pupils_council"
        )
    assert refused.value.messages == [
        "klass.csv, rad 5, kolumn årskurs: 'femte' är inte en årskurs från 0 till 12",
        "klass.csv, rad 13, kolumn årskurs: 'femte' är inte en årskurs från 0 till 12",
    ]
    assert not Proposal.objects.exists() and not ProposalImport.objects.exists()


def test_the_problems_are_worded_in_the_interface_language(editor, karlstad):
    with translation.override("en"):
        with pytest.raises(SourceError) as refused:
            import_proposals(editor, karlstad, _csv(5, bad_rows={0}), "class.csv", "pupils_council")
        assert refused.value.messages == [
            "class.csv, row 2, column årskurs: 'femte' is not a grade from 0 to 12"
        ]


def test_a_missing_text_column_and_an_unknown_column_are_named(editor, karlstad):
    data = b"namn;skola\nKalle;Exempelskolan\n"
    with pytest.raises(SourceError) as refused:
        import_proposals(editor, karlstad, data, "fel.csv", "pupils_council")
    text = " | ".join(refused.value.messages)
    assert "fel.csv, rad 1, kolumn text" in text and "kolumn namn" in text


def test_an_xlsx_file_is_read_like_csv(editor, karlstad):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["text", "school", "grade", "theme", "received"])
    sheet.append(["Fler träd på skolgården", "Exempelskolan", 4, "natur", "2024-03-05"])
    out = io.BytesIO()
    book.save(out)
    import_proposals(editor, karlstad, out.getvalue(), "klass.xlsx", "pupils_council")
    assert Proposal.objects.get().grade == 4


def test_a_viewer_may_not_import(viewer, karlstad):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        import_proposals(viewer, karlstad, _csv(2), "klass.csv", "pupils_council")


def test_the_command_imports_and_refuses_like_the_page(tmp_path, karlstad):
    good = tmp_path / "klass.csv"
    good.write_bytes(_csv(30))
    out = io.StringIO()
    call_command(
        "import_proposals", str(good), municipality="1780", channel="pupils_council", stdout=out
    )
    assert "30 proposals imported" in out.getvalue()
    call_command(
        "import_proposals", str(good), municipality="1780", channel="pupils_council", stdout=out
    )
    assert "already imported" in out.getvalue()
    bad = tmp_path / "fel.csv"
    bad.write_bytes(_csv(5, bad_rows={2}))
    with pytest.raises(CommandError, match="fel.csv, rad 4, kolumn årskurs"):
        call_command("import_proposals", str(bad), municipality="1780", channel="citizen")
    assert Proposal.objects.count() == 30


def test_the_import_page_shows_each_problem(editor_client, karlstad):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("klass.csv", _csv(4, bad_rows={1}))
    r = editor_client.post(
        "/kommun/1780/forslag/import/", {"file": upload, "channel": "pupils_council"}
    )
    assert "klass.csv, rad 3, kolumn årskurs" in r.content.decode()
    assert not Proposal.objects.exists()
