"""Hypothesis strategies shared by the plan calculation tests."""

from hypothesis import strategies as st

from klimatkontrakt.calc.measures import Estimate, Measure

SECTORS = ("Transporter", "Energi", "Avfall")
YEARS = tuple(range(2025, 2031))


@st.composite
def estimates(draw, lo=0.0, hi=500.0):
    values = sorted(draw(st.lists(st.floats(lo, hi), min_size=3, max_size=3)))
    return Estimate(*values)


@st.composite
def measure_lists(draw, min_size=0, max_size=6):
    n = draw(st.integers(min_size, max_size))
    out = []
    for i in range(n):
        out.append(
            Measure(
                name=f"m{i}",
                sector=draw(st.sampled_from(SECTORS)),
                category=draw(st.sampled_from(("", "fordon", "värme"))),
                start_year=draw(st.integers(2024, 2030)),
                ramp_up_years=draw(st.integers(0, 4)),
                lifetime_years=draw(st.integers(1, 20)),
                capex_sek=Estimate.exact(draw(st.floats(0, 5e6))),
                opex_change_sek_per_year=Estimate.exact(draw(st.floats(-2e5, 2e5))),
                reduction_t_per_year=draw(estimates()),
            )
        )
    return out


@st.composite
def bau_maps(draw):
    return {s: [draw(st.floats(0, 800)) for _ in YEARS] for s in SECTORS}
