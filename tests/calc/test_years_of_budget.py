"""How long a pooled carbon budget lasts at a constant yearly emission (the national report)."""

import math

from hypothesis import given
from hypothesis import strategies as st

from klimatkontrakt.calc.budgets import years_of_budget

positive = st.floats(min_value=1e-3, max_value=1e12, allow_nan=False, allow_infinity=False)


@given(positive, positive)
def test_the_budget_spent_over_the_years_is_the_budget(budget, yearly):
    years = years_of_budget(budget, yearly)
    assert years is not None and math.isclose(years * yearly, budget, rel_tol=1e-9)


def test_no_figure_without_emissions_or_with_the_budget_spent():
    assert years_of_budget(100.0, 0.0) is None
    assert years_of_budget(0.0, 10.0) is None
    assert years_of_budget(-5.0, 10.0) is None
    assert years_of_budget(math.nan, 10.0) is None
    assert years_of_budget(100.0, math.inf) is None
    assert years_of_budget(14_834_121.0, 10_538_412.0) == 14_834_121.0 / 10_538_412.0
