"""Goals: required path and the per-sector gap to business-as-usual."""

from __future__ import annotations

import numpy as np
import pytest

from klimatkontrakt.calc.goals import Goal, goal_gap

YEARS = tuple(range(2015, 2023))
SECTORS = ("Transporter", "Jordbruk")
VALUES = np.array([[200.0 - 4 * k for k in range(8)], [50.0] * 8])


def test_goal_as_share_of_base_year_reaches_its_level_and_holds_it():
    goal = Goal(target_year=2030, share_of_base=0.2, base_year=2015)
    gap = goal_gap(goal, YEARS, VALUES, SECTORS)
    assert gap.target_t == pytest.approx(0.2 * 250)
    assert gap.path_total[gap.years.index(2030)] == pytest.approx(50)
    assert gap.path_total[gap.years.index(2045)] == pytest.approx(50)
    start = VALUES[:, -1].sum()
    assert gap.path_total[0] == pytest.approx(start + (50 - start) / 8)


def test_sector_gaps_add_up_and_equal_bau_minus_path():
    gap = goal_gap(Goal(target_year=2030, level_t=100.0), YEARS, VALUES, SECTORS)
    assert np.allclose(gap.gap.sum(axis=0), gap.gap_total)
    assert np.allclose(gap.gap, gap.bau - gap.path)
    # Transport's trend: 172 - 4 * (2030 - 2022) = 140; path share 172/222 of 100.
    i = gap.years.index(2030)
    assert gap.bau[0, i] == pytest.approx(140)
    assert gap.path[0, i] == pytest.approx(100 * 172 / 222)
    assert gap.gap_at(2030) == pytest.approx(140 + 50 - 100)


def test_goal_validation():
    with pytest.raises(ValueError, match="either"):
        Goal(target_year=2030)
    with pytest.raises(ValueError, match="base year"):
        Goal(target_year=2030, share_of_base=0.5)
    with pytest.raises(ValueError, match="scope"):
        Goal(target_year=2030, level_t=1, scope="global")
    with pytest.raises(ValueError, match="not after"):
        goal_gap(Goal(target_year=2020, level_t=1), YEARS, VALUES, SECTORS)
    with pytest.raises(ValueError, match="base year 1990"):
        goal_gap(Goal(2030, share_of_base=0.1, base_year=1990), YEARS, VALUES, SECTORS)
