"""The demo's example calls: labelled, open on the day the demo is loaded, and fitting each of
the pilot plan's measures whose funding is not decided; loading again adds nothing."""

import io

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from klimatkontrakt.funding import demo as funding_demo
from klimatkontrakt.funding.models import Call
from klimatkontrakt.funding.selectors.calls import suggestions
from klimatkontrakt.organisations.models import Municipality

pytestmark = pytest.mark.django_db


def test_demo_calls_fit_the_pilot_plans_unfunded_measures(demo):
    calls = list(Call.objects.all())
    assert len(calls) == 4 and all(c.is_example for c in calls)
    assert all(c.closes_on >= timezone.localdate() for c in calls)
    assert all(c.title.startswith("Exempel") for c in calls)
    karlstad = Municipality.objects.get(code="1780")
    found = {s.measure.name: s for s in suggestions(AnonymousUser(), karlstad)}
    assert set(found) == {
        "Laddinfrastruktur vid kommunens arbetsplatser",
        "Säkra gång- och cykelstråk till skolor",
        "Trästomme i nya skolor och förskolor",
        "Återvunnen asfalt och fossilfri beläggning",
    }
    for s in found.values():
        best = s.suggestions[0]
        assert best.reasons[0].kind == "category"
    funding_demo.load(io.StringIO())
    assert Call.objects.count() == 4
