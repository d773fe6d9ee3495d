import json

import pytest

from klimatkontrakt.indicators.demo import EXAMPLE_PROVENANCE, load_demo_indicators
from klimatkontrakt.indicators.models import Indicator, IndicatorValue
from klimatkontrakt.indicators.selectors import summarise

pytestmark = pytest.mark.django_db


def test_demo_is_labelled_and_loads_twice_without_duplicates(karlstad):
    first = load_demo_indicators()
    count = IndicatorValue.objects.count()
    second = load_demo_indicators()
    assert [i.pk for i in first] == [i.pk for i in second]
    assert IndicatorValue.objects.count() == count
    for indicator in Indicator.objects.filter(is_example=True):
        assert "(exempel)" in indicator.name
        assert set(indicator.values.values_list("provenance", flat=True)) == {EXAMPLE_PROVENANCE}
    assert not Indicator.objects.filter(source_kind="kolada").exists()


def test_demo_emissions_are_smhis_figures(karlstad, shared_data):
    load_demo_indicators()
    indicator = Indicator.objects.get(municipality=karlstad, source_kind="smhi")
    assert not indicator.is_example
    [karlstad_rows] = [
        m
        for m in json.loads((shared_data / "municipality-sector-emissions.json").read_text())
        if m["name"] == "Karlstad"
    ]
    for value in indicator.values.all():
        sectors = karlstad_rows["sectors"][str(value.year)]
        total = sum(t for name, t in sectors.items() if name != "Utrikes transporter")
        assert value.value == round(total), value.year
        assert "SMHI" in value.provenance
    assert summarise(indicator).assessment.status is not None


def test_demo_needs_the_municipality(db):
    from klimatkontrakt.organisations.models import Municipality

    with pytest.raises(Municipality.DoesNotExist):
        load_demo_indicators("1780")


def test_large_figures_are_shown_as_whole_swedish_numbers(client, karlstad):
    load_demo_indicators()
    indicator = Indicator.objects.get(municipality=karlstad, source_kind="smhi")
    html = client.get(f"/kommun/1780/indikatorer/{indicator.pk}/").content.decode()
    assert "499\xa0924</td>" in html
    assert "499\xa0924,00" not in html
