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

# The sections every city's contract of a year carries alike: Viable Cities' programme office
# keeps them in the year's common part (contracts.common_models.CommonPart).
COMMON_KEYS = ("viable_cities", "agencies", "strategic_projects", "joint_follow_up", "contract")
# Common sections that also hold the city's own text under the common text: the joint follow-up
# ends with the city's own updates and "experiences to share" (7.1, 7.2 of the contract).
OWN_TEXT_IN_COMMON = frozenset({"joint_follow_up"})
# Common sections a city editor cannot write in (text or commitments) when its version takes the
# year's common part.
LOCKED_KEYS = frozenset(COMMON_KEYS) - OWN_TEXT_IN_COMMON
# Common sections that hold the programme's and the agencies' commitments.
COMMON_COMMITMENT_KEYS = frozenset({"viable_cities", "agencies", "strategic_projects"})


def is_locked_for_city(key: str) -> bool:
    """Whether a city editor is refused the text of this section in a version that takes the
    year's common part."""
    return key in LOCKED_KEYS


def heading_of(key: str, title: str) -> str:
    """A section's title in the interface language: in Swedish as the contract words it; in
    English a standard section's label, unless its title was changed."""
    from django.utils.translation import get_language

    spec = BY_KEY.get(key)
    if spec is None or (get_language() or "sv").startswith("sv") or title != spec.title_sv:
        return title
    return str(spec.label)


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
CARRIED_STATUS_KEYS = frozenset(key for key, _sv, _en, carries in DEFAULT_STATUSES if carries)


def default_status_label(key: str, language: str | None) -> str:
    """A status of the national list (common commitments use it) in the interface language."""
    for k, sv, en, _carries in DEFAULT_STATUSES:
        if k == key:
            return en if (language or "sv").startswith("en") else sv
    return key
