"""Example calls for funding (invented, labelled as example data), dated relative to the day the
demo is loaded so they stay open, and worded to fit the pilot plan's measures that lack decided
funding (investments.demo): timber frames, recycled asphalt, charging points, cycle paths."""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from klimatkontrakt.funding.models import Call
from klimatkontrakt.funding.services.calls import store_calls
from klimatkontrakt.sources.calls import SOURCE_TEMPLATE, CallRecord

EXAMPLE_NOTE = "Exempeldata (påhittad utlysning för demonstrationen)"

# funder, reference, title, description, opens (days from today), closes, categories, sectors
CALLS = [
    ("Formas", "EXEMPEL-1", "Exempel: Klimatsmart byggande med trästomme i offentliga lokaler",
     "Påhittad utlysning (exempeldata): stöd till kommuner som bygger skolor och förskolor "
     "med trästomme och följer upp klimatpåverkan.", -20, 25, ("stomme", "byggande"), ()),
    ("Trafikverket", "EXEMPEL-2", "Exempel: Stadsmiljöavtal för säkra cykelstråk",
     "Påhittad utlysning (exempeldata): medfinansiering av gång- och cykelstråk som gör "
     "det tryggt att cykla till skolor.", -10, 60, ("resor", "cykel"), ()),
    ("Naturvårdsverket", "EXEMPEL-3", "Exempel: Klimatklivet – laddinfrastruktur vid arbetsplatser",
     "Påhittad utlysning (exempeldata): investeringsstöd för laddpunkter och "
     "laddinfrastruktur vid arbetsplatser.", -30, 90, ("personbilar",), ()),
    ("Energimyndigheten", "EXEMPEL-4", "Exempel: Fossilfri beläggning och återvunnen asfalt",
     "Påhittad utlysning (exempeldata): demonstration av återvunnen asfalt och fossilfri "
     "beläggning i kommunala vägar.", 5, 120, ("beläggning",), ()),
]  # fmt: skip


def example_records(today: date) -> list[CallRecord]:
    return [
        CallRecord(
            number,
            funder,
            reference,
            title,
            description,
            today + timedelta(days=opens),
            today + timedelta(days=closes),
            "",
            categories,
            sectors,
            SOURCE_TEMPLATE,
        )
        for number, (
            funder,
            reference,
            title,
            description,
            opens,
            closes,
            categories,
            sectors,
        ) in enumerate(CALLS, start=1)
    ]


@transaction.atomic
def load_demo_calls(today: date | None = None) -> int:
    """The example calls, moved to today's dates on every load. Idempotent."""
    records = example_records(today or timezone.localdate())
    store_calls(records, source_note=EXAMPLE_NOTE, is_example=True)
    return Call.objects.filter(is_example=True).count()
