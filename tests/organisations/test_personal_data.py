from django.contrib.auth import get_user_model

from klimatkontrakt.contracts import services
from klimatkontrakt.contracts.models import CommitmentChange


def test_user_downloads_and_erases_their_data(
    client, editor, version_2023, commitment_input_factory
):
    services.create_commitment(
        editor, version_2023, commitment_input_factory(version=version_2023, title="Mitt")
    )
    client.force_login(editor)
    data = client.get("/konto/mina-uppgifter/?format=json").json()
    assert data["username"] == "editor"
    assert data["memberships"] == [{"organisation": "Karlstad kommun", "role": "editor"}]
    assert len(data["changes"]) == 1
    r = client.post("/konto/mina-uppgifter/", {"password": "wrong"})
    assert r.status_code == 200 and get_user_model().objects.filter(username="editor").exists()
    r = client.post("/konto/mina-uppgifter/", {"password": "a-long-test-password-1"})
    assert r.status_code == 302
    assert not get_user_model().objects.filter(username="editor").exists()
    # The history survives, anonymised.
    change = CommitmentChange.objects.get(changes__title__1="Mitt")
    assert change.user is None
