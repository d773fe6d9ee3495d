"""Action plans and actions: one row per action of a published action plan.

Read as the public reads the plan page (`plans.selectors.visible_plans` for an anonymous
reader, `plan_overview` for the page's order and its overdue flag) and the action's links as
the public sees them (`actions_links`: commitments of published contract versions, published
indicators). The responsible party is the department (an organisation unit); the plan's owner
and the actions' contact people are persons and are left out, as are the texts of status
updates. A plan without actions has no row.

Licence CC BY 4.0: the plans are the municipalities' own published work.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from klimatkontrakt.opendata.datasets.base import MUNICIPALITY_FIELDS, Dataset, Field
from klimatkontrakt.organisations.models import Department, Municipality
from klimatkontrakt.plans.models import Action, ActionPlan, WorkPackage
from klimatkontrakt.plans.selectors import (
    ActionLinks,
    actions_links,
    plan_overview,
    visible_plans,
)

_LIST_SEPARATOR = " "  # between the ids of a list field (UUIDs and integers hold no space)

FIELDS = (
    *MUNICIPALITY_FIELDS,
    Field(
        "plan_id",
        "integer",
        "Handlingsplanens id i tjänsten (samma som i API:t).",
        "The action plan's id in the service (as in the API).",
        required=True,
    ),
    Field("plan_title", "string", "Handlingsplanens namn.", "The plan's title.", required=True),
    Field(
        "plan_kind",
        "string",
        "Slag av plan: energy_climate = energi- och klimatplan, waste = avfallsplan, traffic = "
        "trafikplan, cycling = cykelplan, stormwater = dagvattenplan, project = projektplan, "
        "other = annan plan.",
        "The kind of plan: energy_climate = energy and climate plan, waste, traffic, cycling, "
        "stormwater, project = project plan, other.",
        required=True,
        enum=tuple(ActionPlan.Kind.values),
    ),
    Field("plan_start_year", "integer", "Planens första år.", "The plan's first year."),
    Field("plan_end_year", "integer", "Planens sista år.", "The plan's last year."),
    Field(
        "work_package_code",
        "string",
        "Arbetspaketets eller utvecklingsområdets kod (t.ex. AP2); tomt om inget.",
        "The work package's or development area's code (e.g. AP2); empty if none.",
    ),
    Field(
        "work_package_title",
        "string",
        "Arbetspaketets eller utvecklingsområdets namn.",
        "The work package's or development area's title.",
    ),
    Field(
        "action_identifier",
        "string",
        "Åtgärdens beteckning i planen (t.ex. 2.3).",
        "The action's identifier in the plan (e.g. 2.3).",
        required=True,
    ),
    Field("action_title", "string", "Åtgärdens namn.", "The action's title.", required=True),
    Field("action_description", "string", "Åtgärdens beskrivning.", "The action's description."),
    Field(
        "status",
        "string",
        "Statusens kod i kommunens egen statuslista (kommuner namnger sina steg olika).",
        "The status code in the municipality's own list (municipalities name their stages "
        "differently).",
        required=True,
    ),
    Field("status_label_sv", "string", "Statusen på svenska.", "The status in Swedish."),
    Field("status_label_en", "string", "Statusen på engelska.", "The status in English."),
    Field(
        "closed",
        "boolean",
        "Sant när statusen avslutar åtgärden (genomförd, avbruten ...).",
        "True when the status closes the action (done, cancelled ...).",
        required=True,
    ),
    Field(
        "progress",
        "integer",
        "Hur långt åtgärden har kommit, i procent.",
        "How far the action has come, in percent.",
        unit="%",
        required=True,
    ),
    Field(
        "responsible_department",
        "string",
        "Förvaltningen, bolaget eller nämnden som ansvarar för åtgärden; tomt när ingen är utsedd.",
        "The administration, company or committee responsible for the action; empty when none "
        "is named.",
    ),
    Field(
        "responsible_department_kind",
        "string",
        "forvaltning = förvaltning, bolag = kommunalt bolag, namnd = nämnd.",
        "forvaltning = administration, bolag = municipal company, namnd = committee.",
        enum=tuple(Department.Kind.values),
    ),
    Field("start_date", "date", "Åtgärdens startdag.", "The action's start date."),
    Field("end_date", "date", "Åtgärdens slutdag.", "The action's end date."),
    Field(
        "last_update_date",
        "date",
        "Dagen för åtgärdens senaste statusuppdatering; tomt om den aldrig har uppdaterats.",
        "The day of the action's latest status update; empty if it was never updated.",
    ),
    Field(
        "update_overdue",
        "boolean",
        "Sant när en öppen åtgärd inte har uppdaterats inom planens intervall.",
        "True when an open action has not been updated within the plan's interval.",
        required=True,
    ),
    Field(
        "linked_commitment_ids",
        "string",
        "Id:n (commitment_id i datamängden contracts) för de kontraktsåtaganden som åtgärden "
        "genomför, åtskilda med mellanslag.",
        "The ids (commitment_id in the contracts dataset) of the contract commitments the "
        "action carries out, separated by spaces.",
    ),
    Field(
        "linked_indicator_ids",
        "string",
        "Id:n (indicator_id i datamängden indicators) för de indikatorer som följer upp "
        "åtgärden, åtskilda med mellanslag.",
        "The ids (indicator_id in the indicators dataset) of the indicators that follow the "
        "action, separated by spaces.",
    ),
)


def _row(
    m: Municipality,
    plan: ActionPlan,
    package: WorkPackage | None,
    a: Action,
    overdue: bool,
    links: ActionLinks,
) -> dict[str, Any]:
    department, status = a.responsible_department, a.status
    return {
        "municipality_code": m.code,
        "municipality_name": m.name,
        "plan_id": plan.pk,
        "plan_title": plan.title,
        "plan_kind": plan.kind,
        "plan_start_year": plan.start_year,
        "plan_end_year": plan.end_year,
        "work_package_code": package.code if package else "",
        "work_package_title": package.title if package else "",
        "action_identifier": a.identifier,
        "action_title": a.title,
        "action_description": a.description,
        "status": status.key,
        "status_label_sv": status.name_sv,
        "status_label_en": status.name_en,
        "closed": status.is_closed,
        "progress": a.progress,
        "responsible_department": department.name if department else None,
        "responsible_department_kind": department.kind if department else None,
        "start_date": a.start_date,
        "end_date": a.end_date,
        "last_update_date": timezone.localdate(a.last_update_at) if a.last_update_at else None,
        "update_overdue": overdue,
        "linked_commitment_ids": _LIST_SEPARATOR.join(str(c.lineage) for c in links.commitments),
        "linked_indicator_ids": _LIST_SEPARATOR.join(str(i.pk) for i in links.indicators),
    }


def rows(municipality: Municipality | None) -> Iterator[dict[str, Any]]:
    public = AnonymousUser()
    if municipality is not None:
        found = [municipality]
    else:
        found = list(
            Municipality.objects.filter(action_plans__is_published=True).distinct().order_by("code")
        )
    now = timezone.now()
    for m in found:
        for plan in visible_plans(public, m).prefetch_related("work_packages"):
            overview = plan_overview(plan, now)
            actions = [row.action for g in overview.groups for row in g.rows]
            links = actions_links(public, m, actions) if actions else {}
            for group in overview.groups:
                for row in group.rows:
                    action = row.action
                    yield _row(m, plan, group.package, action, row.overdue, links[action.pk])


DATASET = Dataset(
    key="plans",
    title_sv="Handlingsplaner och åtgärder",
    title_en="Action plans and actions",
    description_sv=(
        "Kommunernas publicerade handlingsplaner (energi- och klimatplan, avfallsplan, "
        "projektplan ...) och deras åtgärder med status, hur långt de har kommit, ansvarig "
        "förvaltning, start och slut och kopplingar till kontraktets åtaganden och till "
        "indikatorer. En rad är en åtgärd i en plan."
    ),
    description_en=(
        "The municipalities' published action plans (energy and climate plan, waste plan, "
        "project plan ...) and their actions with status, progress, responsible department, "
        "start and end, and links to the contract's commitments and to indicators. One row is "
        "one action of a plan."
    ),
    fields=FIELDS,
    rows=rows,
    primary_key=("municipality_code", "plan_id", "action_identifier"),
    themes=("ENVI", "GOVE"),
    frequency="IRREG",
    source_sv="Kommunernas publicerade handlingsplaner och deras uppföljning av åtgärderna.",
    source_en="The municipalities' published action plans and their follow-up of the actions.",
    year_field="",
    keywords_sv=("handlingsplan", "åtgärder", "klimatplan", "uppföljning"),
    keywords_en=("action plan", "actions", "climate plan", "follow-up"),
)
