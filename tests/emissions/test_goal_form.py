"""Editors add emission goals on the emissions page; nobody else can."""

from __future__ import annotations

import pytest

from klimatkontrakt.emissions.models import Goal

URL = "/kommun/1780/utslapp/mal/ny/"
GOOD = {
    "name": "Halverade utsläpp 2030",
    "gas": "GGT",
    "scope": "territorial",
    "target_year": "2030",
    "share_pct": "50",
    "base_year": "2015",
}


def test_editor_adds_a_goal_shown_with_its_gap(client, demo_emissions, karlstad_editor):
    client.force_login(karlstad_editor)
    page = client.get("/kommun/1780/utslapp/?gas=GGT").content.decode()
    assert URL in page
    response = client.post(URL, {**GOOD, "visibility": "public"})
    assert response.status_code == 302
    assert response["Location"] == "/kommun/1780/utslapp/?gas=GGT"
    goal = Goal.objects.get(name="Halverade utsläpp 2030")
    assert (goal.share_of_base, goal.base_year, goal.is_published) == (0.5, 2015, True)
    client.logout()
    assert "Halverade utsläpp 2030" in client.get("/kommun/1780/utslapp/?gas=GGT").content.decode()


@pytest.mark.parametrize(
    ("change", "messages"),
    [
        ({"share_pct": ""}, ("either a target level", "antingen en målnivå")),
        ({"level_t": "1000"}, ("either a target level", "antingen en målnivå")),
        ({"base_year": ""}, ("needs its base year", "behöver sitt basår")),
        ({"target_year": "2020"}, ("2025", "2025")),
    ],
)
def test_invalid_goal_is_refused_with_a_message(
    client, demo_emissions, karlstad_editor, change, messages
):
    client.force_login(karlstad_editor)
    response = client.post(URL, {**GOOD, **change})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'class="error-summary"' in html
    assert any(m in html for m in messages)  # Swedish by default, English if chosen
    assert not Goal.objects.filter(name=GOOD["name"]).exists()


def test_only_editors_of_the_municipality(client, demo_emissions, stockholm_editor):
    assert client.get(URL).status_code == 403
    assert client.post(URL, GOOD).status_code == 403
    client.force_login(stockholm_editor)
    assert client.post(URL, GOOD).status_code == 403
    assert "mal/ny" not in client.get("/kommun/1780/utslapp/").content.decode()
    assert not Goal.objects.filter(name=GOOD["name"]).exists()
