"""Footprint arithmetic, property-tested where a law holds."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from klimatkontrakt.calc import footprint as fp

INDEX = {2021: 100.0, 2024: 120.0}
SEK_PER = {("USD", 2021): 8.0, ("USD", 2024): 10.0}


def test_factor_to_sek_of_the_spend_year():
    conv = fp.factor_per_sek(0.8, "USD", 2021, 2024, INDEX, SEK_PER)
    # 1 SEK of 2024 = 100/120 SEK of 2021 = (100/120)/8 USD of 2021.
    assert conv.kg_per_sek == pytest.approx(0.8 * (100 / 120) / 8)
    assert conv.fx_year == 2021 and conv.index_years == (2021, 2024)


def test_missing_years_use_the_nearest_and_say_so():
    conv = fp.factor_per_sek(1.0, "SEK", 2019, 2026, INDEX, SEK_PER)
    assert conv.index_years == (2021, 2024)
    assert "2021→2024" in conv.note()


def test_unknown_currency_is_an_error():
    with pytest.raises(fp.ConversionError):
        fp.factor_per_sek(1.0, "NOK", 2021, 2024, INDEX, SEK_PER)


@given(
    st.floats(0.001, 10),
    st.floats(1, 1e7),
    st.sampled_from([2021, 2024]),
    st.sampled_from([2021, 2024]),
)
def test_same_emissions_whichever_way_money_is_converted(kg_per_usd, sek, spend_year, fy):
    """Spend x converted factor = spend converted to the factor's money x factor."""
    conv = fp.factor_per_sek(kg_per_usd, "USD", fy, spend_year, INDEX, SEK_PER)
    usd_of_factor_year = sek * INDEX[fy] / INDEX[spend_year] / SEK_PER[("USD", fy)]
    assert sek * conv.kg_per_sek == pytest.approx(usd_of_factor_year * kg_per_usd)


@given(st.floats(0, 100), st.sampled_from(["high", "medium", "low", ""]))
def test_range_brackets_the_central_value(central, quality):
    low, mid, high = fp.factor_range(central, quality=quality)
    assert low <= mid == central <= high


def test_own_bounds_win_over_quality_spread():
    assert fp.factor_range(1.0, 0.9, 1.2, "low") == (0.9, 1.0, 1.2)


@given(st.floats(0, 1e6), st.floats(0, 1), st.floats(0, 1e6))
def test_overlap_removal_never_double_counts(spend_t, share, activity_t):
    replaced = spend_t * share
    result = fp.remove_overlap(spend_t, replaced, activity_t)
    assert result.total_t == pytest.approx(spend_t - replaced + activity_t)
    assert result.total_t <= spend_t + activity_t + 1e-6


def test_overlap_larger_than_spend_is_refused():
    with pytest.raises(ValueError):
        fp.remove_overlap(1.0, 2.0, 0.0)


def test_fossil_share():
    assert fp.fossil_share([(100.0, 1.0), (300.0, 0.0)]) == pytest.approx(0.25)
    assert fp.fossil_share([]) is None


def test_quantity_units():
    assert fp.convert_quantity(2.5, "MWh", "kWh") == pytest.approx(2500)
    assert fp.convert_quantity(1.0, "m3", "l") == pytest.approx(1000)
    with pytest.raises(fp.ConversionError):
        fp.convert_quantity(1.0, "l", "kWh")


@given(st.floats(-50, 50), st.floats(1e4, 1e5))
def test_bau_of_a_straight_line_continues_it(slope, start):
    series = {y: start + slope * (y - 2019) for y in range(2019, 2025)}
    bau = fp.bau_trend(series)
    for year, value in bau.items():
        assert value == pytest.approx(max(0.0, start + slope * (year - 2019)), abs=1e-6)


def test_bau_continues_the_trend_to_2030_and_not_below_zero():
    bau = fp.bau_trend({2022: 100.0, 2023: 90.0, 2024: 80.0})
    assert list(bau) == list(range(2025, 2031))
    assert bau[2025] == pytest.approx(70.0) and bau[2030] == pytest.approx(20.0)
    assert min(fp.bau_trend({2023: 100.0, 2024: 10.0}).values()) == 0.0
    assert fp.bau_trend({2024: 10.0}) == {}  # one year gives no trend


def test_year_on_year():
    yoy = fp.year_on_year({2023: 100.0, 2024: 90.0})
    assert yoy[2023]["change_t"] is None
    assert yoy[2024] == {"t": 90.0, "change_t": -10.0, "change_pct": -10.0}


def test_coverage():
    assert fp.coverage_pct(1000.0, 250.0) == 75.0
    assert fp.coverage_pct(0.0, 0.0) == 100.0
