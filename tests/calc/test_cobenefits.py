import pytest

from klimatkontrakt.calc.cobenefits import (
    CoBenefit,
    Valuation,
    cost_per_t_after_cobenefits,
    monetise,
    monetised_total_sek_per_year,
)

VALUATIONS = {
    "safety": Valuation(
        "safety", "Säkerhet", "Safety", "SEK/case", 1_000_000, 2017, "sourced", "X", "1.0"
    )
}


def test_default_valuation_used_and_named():
    m = monetise(CoBenefit("safety", "färre olyckor", 0.5, "safety"), VALUATIONS)
    assert m.value_sek_per_year == 500_000
    assert "X, 1.0, 2017 prices (sourced)" in m.basis


def test_own_unit_value_overrides_default():
    m = monetise(CoBenefit("safety", "", 2, "safety", unit_value_sek=10), VALUATIONS)
    assert m.value_sek_per_year == 20


def test_qualitative_cobenefit_has_no_price():
    m = monetise(CoBenefit("jobs", "lokala jobb"), VALUATIONS)
    assert m.value_sek_per_year is None and "qualitative" in m.basis
    unknown = monetise(CoBenefit("health", "", 3, "nope"), VALUATIONS)
    assert unknown.value_sek_per_year is None and "nope" in unknown.basis


def test_total_and_cost_after_cobenefits():
    cbs = [CoBenefit("safety", "", 0.5, "safety"), CoBenefit("jobs", "")]
    total = monetised_total_sek_per_year(cbs, VALUATIONS)
    assert total == 500_000
    # 2 000 SEK/t on 100 t a year, minus 500 000 SEK / 100 t = −3 000 SEK/t
    assert cost_per_t_after_cobenefits(2000, total, 100) == pytest.approx(-3000)
