"""The national report's tests: the title of a city's unpublished plan, which must never reach
the report (the fixtures are in conftest.py)."""

SECRET = "HEMLIG-PLAN-4b2d"
