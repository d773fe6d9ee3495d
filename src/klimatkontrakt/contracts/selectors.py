"""Reads of the contract register: what a user may see, and the diff between two versions."""

import difflib
import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.text import capfirst
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from klimatkontrakt.contracts.common_selectors import common_sections
from klimatkontrakt.contracts.models import (
    Commitment,
    CommitmentChange,
    CommonCommitment,
    CommonPart,
    CommonSection,
    Contract,
    ContractVersion,
    Section,
)
from klimatkontrakt.contracts.structure import (
    COMPLETED_STATUS_KEYS,
    LOCKED_KEYS,
    is_locked_for_city,
)
from klimatkontrakt.organisations.access import can_view_item, published_or_shared
from klimatkontrakt.organisations.models import Municipality

DIFF_FIELDS = [
    "joint",
    "title",
    "description",
    "planned_year",
    "status",
    "responsible_department",
    "tags",
    "party",
    "section",
]
# What a reader sees for each compared field (the diff page, the change history, the report);
# read through field_label.
FIELD_LABELS = {
    "joint": gettext_lazy("Joint commitment"),
    "title": gettext_lazy("Title"),
    "description": gettext_lazy("Description"),
    "planned_year": gettext_lazy("Planned year"),
    "status": gettext_lazy("Status"),
    "responsible_department": gettext_lazy("Responsible department"),
    "tags": gettext_lazy("Tags"),
    "party": gettext_lazy("Party"),
    "section": gettext_lazy("Section"),
    "owner": gettext_lazy("Owner"),
}


def contract_for(municipality: Municipality) -> Contract | None:
    return Contract.objects.filter(municipality=municipality).first()


def visible_versions(user: Any, municipality: Municipality) -> QuerySet[ContractVersion]:
    qs = ContractVersion.objects.filter(contract__municipality=municipality).order_by("year")
    return qs.filter(published_or_shared(user, municipality))


def version_for(user: Any, municipality: Municipality, year: int) -> ContractVersion:
    """The version of that year if this user may see it; 404 otherwise (no existence leak)."""
    version = (
        visible_versions(user, municipality)
        .select_related("contract__municipality__county", "signed_by", "previous")
        .filter(year=year)
        .first()
    )
    if version is None:
        raise Http404("No such contract version")
    return version


def commitments_of(version: ContractVersion) -> QuerySet[Commitment]:
    return version.commitments.select_related(
        "party__organisation",
        "section",
        "status",
        "responsible_department",
        "carried_over_from__version",
    ).order_by("section__order", "order", "pk")


def sections_with_commitments(version: ContractVersion) -> list[Section]:
    """The version's sections with their commitments; where the version takes the year's common
    part, each common section is set as `common_section` (its text and commitments shown
    before the city's own)."""
    sections = list(
        version.sections.prefetch_related(
            Prefetch("commitments", queryset=commitments_of(version))
        ).order_by("order")
    )
    if version.common_part_id:
        common = {s.key: s for s in common_sections(version.common_part_id)}
        for s in sections:
            s.common_section = common.get(s.key)
    return sections


def common_commitments_of(version: ContractVersion) -> QuerySet[CommonCommitment]:
    """The common commitments a version carries (none when it takes no common part)."""
    return (
        CommonCommitment.objects.filter(common_part_id=version.common_part_id)
        .select_related("owner", "section")
        .order_by("section__order", "order", "pk")
    )


def commitment_for(user: Any, municipality: Municipality, pk: int) -> Commitment:
    c = commitments_of_municipality(municipality).filter(pk=pk).first()
    if c is None or not can_view_item(user, municipality, c.version):
        raise Http404("No such commitment")
    return c


def commitments_of_municipality(municipality: Municipality) -> QuerySet[Commitment]:
    return Commitment.objects.filter(version__contract__municipality=municipality).select_related(
        "version",
        "party__organisation",
        "section",
        "status",
        "responsible_department",
        "carried_over_from__version",
    )


def history_of(commitment: Commitment) -> QuerySet[CommitmentChange]:
    """Changes of this commitment over all versions it has lived in."""
    return CommitmentChange.objects.filter(
        lineage=commitment.lineage, version__contract=commitment.version.contract
    ).select_related("user", "version")


def field_label(name: str) -> str:
    """A commitment field's name for the diff and the change history, in the interface
    language: FIELD_LABELS, else the model field's verbose name; an unknown name as it is."""
    if name in FIELD_LABELS:
        return str(FIELD_LABELS[name])
    try:
        field = Commitment._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return capfirst(str(getattr(field, "verbose_name", name)))


@dataclass
class FieldChange:
    """One changed field: `old`/`new` are the compared values (status by key), `old_text`/
    `new_text` what a reader sees (status by its label in the interface language)."""

    field: str
    old: Any
    new: Any
    old_text: str = ""
    new_text: str = ""

    @property
    def label(self) -> str:
        return field_label(self.field)


@dataclass
class ChangedCommitment:
    old: Commitment
    new: Commitment
    fields: list[FieldChange]


class SectionChange(NamedTuple):
    old: Section | CommonSection
    new: Section | CommonSection

    @property
    def title_changed(self) -> bool:
        return self.old.title != self.new.title

    @property
    def words(self) -> list[tuple[str, str]]:
        """The section text as word-level pieces: ("same" | "removed" | "added", text)."""
        return word_diff(self.old.body, self.new.body)


def word_diff(old: str, new: str) -> list[tuple[str, str]]:
    """A readable word-level diff: unchanged runs kept, replaced runs as removed then added.
    Whitespace stays attached to the word before it so the pieces join back into the text."""
    a = re.findall(r"\S+\s*", old)
    b = re.findall(r"\S+\s*", new)
    pieces: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            pieces.append(("same", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            pieces.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            pieces.append(("added", "".join(b[j1:j2])))
    return pieces


@dataclass
class VersionDiff:
    """`completed`: commitments finished in the older version (a status of
    COMPLETED_STATUS_KEYS) and not in the newer; `removed`: the others that are gone."""

    old: ContractVersion
    new: ContractVersion
    added: list[Commitment] = field(default_factory=list)
    removed: list[Commitment] = field(default_factory=list)
    completed: list[Commitment] = field(default_factory=list)
    changed: list[ChangedCommitment] = field(default_factory=list)
    carried_over: list[Commitment] = field(default_factory=list)
    unchanged: int = 0
    sections_changed: list[SectionChange] = field(default_factory=list)
    # The changes of the common part, apart from the city's own (None: neither version takes one).
    common: "CommonDiff | None" = None

    @property
    def is_empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.completed
            or self.changed
            or self.sections_changed
            or (self.common is not None and not self.common.is_empty)
        )

    @property
    def own_is_empty(self) -> bool:
        return not (
            self.added or self.removed or self.completed or self.changed or self.sections_changed
        )


@dataclass
class CommonChange:
    old: "CommonCommitment | Commitment"
    new: "CommonCommitment | Commitment"
    fields: list[FieldChange]


@dataclass
class CommonDiff:
    """The common parts of two versions compared: commitments by lineage, sections by key. A
    version that takes no common part counts with its own rows of the common sections."""

    old: CommonPart | None
    new: CommonPart | None
    added: "list[CommonCommitment | Commitment]" = field(default_factory=list)
    removed: "list[CommonCommitment | Commitment]" = field(default_factory=list)
    completed: "list[CommonCommitment | Commitment]" = field(default_factory=list)
    changed: list[CommonChange] = field(default_factory=list)
    carried_over: "list[CommonCommitment | Commitment]" = field(default_factory=list)
    unchanged: int = 0
    sections_changed: list[SectionChange] = field(default_factory=list)
    sections_added: "list[Section | CommonSection]" = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (
            self.added
            or self.removed
            or self.completed
            or self.changed
            or self.sections_changed
            or self.sections_added
        )


def _value(c: Commitment, name: str) -> Any:
    if name == "status":
        return c.status.key
    if name == "responsible_department":
        return c.responsible_department.name if c.responsible_department else None
    if name == "party":
        return c.party.organisation.name
    if name == "section":
        return f"{c.section.number} {c.section.title}"
    if name == "tags":
        return sorted(c.tags)
    return getattr(c, name)


def _text(c: Commitment, name: str) -> str:
    value = _value(c, name)
    if name == "status":
        return c.status.label(get_language())
    if name == "joint":
        return _("yes") if value else _("no")
    if name == "tags":
        return ", ".join(f"#{t}" for t in value)
    if name == "section":
        return f"{c.section.number} {c.section.heading}"
    return "" if value is None else str(value)


COMMON_DIFF_FIELDS = ["joint", "title", "description", "planned_year", "status", "owner", "section"]
# A common commitment, or (in a version that takes no common part) the city's own row of a
# programme's or agency's commitment: the diff compares either kind.
AnyCommitment = CommonCommitment | Commitment


def _common_value(c: AnyCommitment, name: str) -> Any:
    if name == "owner":
        return c.owner.name if isinstance(c, CommonCommitment) else c.party.organisation.name
    if name == "status":
        return c.status if isinstance(c, CommonCommitment) else c.status.key
    if name == "section":
        return f"{c.section.number} {c.section.title}"
    return getattr(c, name)


def _common_text(c: AnyCommitment, name: str) -> str:
    value = _common_value(c, name)
    if name == "status":
        return c.status_label if isinstance(c, CommonCommitment) else c.status.label(get_language())
    if name == "joint":
        return _("yes") if value else _("no")
    if name == "section":
        return f"{c.section.number} {c.section.heading}"
    return "" if value is None else str(value)


def _common_side(
    version: ContractVersion,
) -> tuple[dict[str, Section | CommonSection], dict[Any, AnyCommitment]]:
    """A version's common sections and commitments: its year's common part, or, for a version
    that takes none, its own rows of those sections."""
    if version.common_part_id:
        sections: dict[str, Section | CommonSection] = {
            s.key: s for s in CommonSection.objects.filter(common_part_id=version.common_part_id)
        }
        rows: list[AnyCommitment] = list(common_commitments_of(version))
    else:
        sections = {s.key: s for s in version.sections.all() if is_locked_for_city(s.key)}
        rows = list(commitments_of(version).filter(section__key__in=LOCKED_KEYS))
    return sections, {c.lineage: c for c in rows}


def diff_common(old_version: ContractVersion, new_version: ContractVersion) -> CommonDiff:
    diff = CommonDiff(old=old_version.common_part, new=new_version.common_part)
    old_sections, before = _common_side(old_version)
    new_sections, after = _common_side(new_version)
    for lineage, c in after.items():
        o = before.get(lineage)
        if o is None:
            diff.added.append(c)
            continue
        if c.carried_over_from_id == o.pk and type(c) is type(o):
            diff.carried_over.append(c)
        changes = [
            FieldChange(
                f, _common_value(o, f), _common_value(c, f), _common_text(o, f), _common_text(c, f)
            )
            for f in COMMON_DIFF_FIELDS
            if _common_value(o, f) != _common_value(c, f)
        ]
        if changes:
            diff.changed.append(CommonChange(o, c, changes))
        else:
            diff.unchanged += 1
    for lineage, o in before.items():
        if lineage not in after:
            done = _common_value(o, "status") in COMPLETED_STATUS_KEYS
            (diff.completed if done else diff.removed).append(o)
    for key in sorted(new_sections, key=lambda k: new_sections[k].number):
        s, o_s = new_sections[key], old_sections.get(key)
        if o_s is None or not o_s.body:
            if s.body:
                diff.sections_added.append(s)
        elif o_s.body != s.body or o_s.title != s.title:
            diff.sections_changed.append(SectionChange(o_s, s))
    return diff


def is_completed(c: Commitment) -> bool:
    return c.status.key in COMPLETED_STATUS_KEYS


def diff_versions(old: ContractVersion, new: ContractVersion) -> VersionDiff:
    """Commitments matched by lineage: the same commitment in two yearly versions."""
    diff = VersionDiff(old=old, new=new)
    linked = bool(old.common_part_id or new.common_part_id)

    def own(version: ContractVersion) -> QuerySet[Commitment]:
        rows = commitments_of(version)
        # With a common part, the programme's and agencies' commitments are compared there.
        return rows.exclude(section__key__in=LOCKED_KEYS) if linked else rows

    before = {c.lineage: c for c in own(old)}
    after = {c.lineage: c for c in own(new)}
    for lineage, c in after.items():
        if lineage not in before:
            diff.added.append(c)
            continue
        o = before[lineage]
        if c.carried_over_from_id == o.pk:
            diff.carried_over.append(c)
        changes = [
            FieldChange(f, _value(o, f), _value(c, f), _text(o, f), _text(c, f))
            for f in DIFF_FIELDS
            if _value(o, f) != _value(c, f)
        ]
        if changes:
            diff.changed.append(ChangedCommitment(o, c, changes))
        else:
            diff.unchanged += 1
    for lineage, c in before.items():
        if lineage not in after:
            (diff.completed if is_completed(c) else diff.removed).append(c)
    old_sections = {s.key: s for s in old.sections.all()}
    for s in new.sections.all():
        if linked and is_locked_for_city(s.key):
            continue  # the common part's text, compared in `common`
        o_s = old_sections.get(s.key)
        if o_s is not None and (o_s.body != s.body or o_s.title != s.title):
            diff.sections_changed.append(SectionChange(o_s, s))
    if linked:
        diff.common = diff_common(old, new)
    return diff
