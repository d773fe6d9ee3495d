"""The demo's open files, as `klimatkontrakt demo` builds them: every dataset of the registry is
published, and every data package (the installation's and each publishing municipality's)
passes `frictionless validate`, as a reuser would run it."""

from pathlib import Path

import frictionless
import pytest
from django.conf import settings

from klimatkontrakt.opendata import selectors
from klimatkontrakt.opendata.datasets import all_datasets


@pytest.mark.django_db
def test_every_data_package_of_the_demo_validates(demo):
    release = selectors.current_release()
    assert release is not None
    folder = Path(settings.OPENDATA_DIR) / str(release.pk)
    published = {f.dataset for f in selectors.published_files()}
    assert published == {d.key for d in all_datasets()}  # the demo has rows of every dataset
    codes = release.manifest["municipalities"]
    assert "1780" in codes  # Karlstad publishes
    for descriptor in [
        folder / "datapackage.json",
        *(folder / c / "datapackage.json" for c in codes),
    ]:
        report = frictionless.validate(str(descriptor))
        problems = report.flatten(["taskName", "rowNumber", "fieldName", "type", "note"])
        assert report.valid, (descriptor, problems[:10])
