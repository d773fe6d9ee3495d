"""The one-shot `klimatkontrakt footprint` command loads only what its pipeline needs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
# Heavy modules the footprint pipeline never imports: the trends (numpy, scipy), charts,
# documents and data frames.
NOT_NEEDED = ("scipy", "numpy", "altair", "vl_convert", "pandas", "weasyprint", "docx", "openpyxl")


def _loaded_after(code: str) -> set[str]:
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    env["DJANGO_SETTINGS_MODULE"] = "klimatkontrakt.settings"
    probe = f"{code}\nimport json, sys\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_the_footprint_command_does_not_load_scipy_charts_or_documents():
    loaded = _loaded_after(
        "import django; django.setup()\n"
        "from django.core.management import load_command_class\n"
        "load_command_class('klimatkontrakt.footprint', 'footprint')"
    )
    assert "klimatkontrakt.footprint.engine" in loaded  # the pipeline itself is there
    heavy = sorted(m for m in loaded if m.split(".")[0] in NOT_NEEDED)
    assert heavy == []


def test_the_median_regression_still_loads_scipy_when_used():
    loaded = _loaded_after(
        "from klimatkontrakt.calc import trends\n"
        "trends.fit_lad([2015, 2016, 2017], [[3.0, 2.0, 1.5]], 2015, 2017)"
    )
    assert "scipy.optimize" in loaded
