"""The section structure of Klimatkontrakt 2030, as the signed contracts use it.

Each entry: key, number, Swedish title (as in the contract document), the party whose
commitments the section holds (None for shared text). The UI shows translated titles by key.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class SectionSpec:
    key: str
    number: str
    title_sv: str
    label: Promise
    party_kind: str | None  # "municipality", "programme", "agency" or None


STRUCTURE: list[SectionSpec] = [
    SectionSpec("purpose", "1", "Syftet med Klimatkontrakt 2030", _("Purpose"), None),
    SectionSpec("parties", "2", "Parter", _("Parties"), None),
    SectionSpec(
        "municipality",
        "3",
        "Kommunens åtaganden",
        _("The municipality's commitments"),
        "municipality",
    ),
    SectionSpec(
        "goal", "3.1", "Kommunens klimatmål", _("The municipality's climate goal"), "municipality"
    ),
    SectionSpec("strategy", "3.2", "Strategi", _("Strategy"), "municipality"),
    SectionSpec(
        "organisation",
        "3.3",
        "Organisation och ledning",
        _("Organisation and leadership"),
        "municipality",
    ),
    SectionSpec(
        "collaboration",
        "3.4",
        "Samverkan med näringsliv, akademi och medborgare",
        _("Collaboration with business, academia and citizens"),
        "municipality",
    ),
    SectionSpec(
        "investment_plan",
        "3.5",
        "Klimatinvesteringsplan",
        _("Climate investment plan"),
        "municipality",
    ),
    SectionSpec(
        "digital", "3.6", "Digitalt stöd för genomförandet", _("Digital support"), "municipality"
    ),
    SectionSpec(
        "innovation",
        "3.7",
        "Innovationsnav för klimatneutrala kommuner",
        _("Innovation"),
        "municipality",
    ),
    SectionSpec("adaptation", "3.8", "Klimatanpassning", _("Climate adaptation"), "municipality"),
    SectionSpec(
        "mobility", "3.9", "Klimatsmart mobilitet", _("Climate-smart mobility"), "municipality"
    ),
    SectionSpec(
        "reporting",
        "3.10",
        "Rapportering och uppföljning",
        _("Reporting and follow-up"),
        "municipality",
    ),
    SectionSpec(
        "viable_cities",
        "4",
        "Viable Cities åtaganden",
        _("Viable Cities' commitments"),
        "programme",
    ),
    SectionSpec(
        "agencies", "5", "Myndigheternas åtaganden", _("The agencies' commitments"), "agency"
    ),
    SectionSpec(
        "strategic_projects",
        "6",
        "Strategiska utvecklingsprojekt",
        _("Strategic development projects"),
        None,
    ),
    SectionSpec(
        "joint_follow_up",
        "7",
        "Gemensamt arbete kring uppföljning, utvärdering och uppdatering",
        _("Joint follow-up, evaluation and update"),
        None,
    ),
    SectionSpec("contract", "8", "Kontraktet", _("The contract"), None),
]

BY_KEY = {s.key: s for s in STRUCTURE}

DEFAULT_STATUSES = [
    # key, Swedish name, English name, carries over to next year's version
    ("planned", "Planerad", "Planned", True),
    ("in_progress", "Pågående", "In progress", True),
    ("done", "Genomförd", "Done", False),
    ("postponed", "Uppskjuten", "Postponed", True),
    ("cancelled", "Avbruten", "Cancelled", False),
]
# Status keys that mean the commitment was carried out: one that leaves the contract with such
# a status is shown as completed, not as removed. A municipality's own list keeps these keys
# when it renames the statuses.
COMPLETED_STATUS_KEYS = frozenset({"done", "completed"})
