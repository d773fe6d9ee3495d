from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def kpi_dir(shared_data: Path) -> Path:
    """The national comparison's real files (../shared/data/kpis)."""
    folder = shared_data / "kpis"
    if not folder.is_dir():
        pytest.skip(f"{folder} not found: the national comparison's real-file tests need it")
    return folder
