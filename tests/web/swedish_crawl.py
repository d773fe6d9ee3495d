"""The crawl behind tests/web/test_swedish_everywhere_*.py: every page of the demo, rendered in
Swedish, shows no internal code and no English.

The crawl starts at the home page and at every municipality's start page, follows same-site
links to a bounded depth (Karlstad's pages and one municipality without data in full, the
other municipalities' start pages only), once anonymously and once as the demo editor, and
adds the editor forms. Known codes are collected from the code lists themselves (model
choices, status tables, purchase categories, budget methods, tracked fields); English is
every msgid of the Swedish catalogue whose Swedish differs, and Django's own English."""

import re
from collections import Counter, deque
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import django
import polib
from django.apps import apps
from django.urls import reverse

from tests.web.page_text import read_page, same_site_path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "klimatkontrakt"
SV_PO = PACKAGE / "locale" / "sv" / "LC_MESSAGES" / "django.po"
# Django's own strings that its Swedish catalogues leave untranslated show up in English.
DJANGO_SV_PO = sorted(Path(django.__file__).parent.glob("**/locale/sv/LC_MESSAGES/django.po"))

FULL_CRAWL = {"1780", "0180"}  # Karlstad (the demo's data) and Stockholm (no data)
DEPTH = 4
QUERY_VARIANTS = 3
# Pages that differ only in the order of one list (a sortable table's `sort` and `order`) read
# the same: one such order per page is enough.
ORDER_ONLY = {"sort", "order"}
# Not pages of the interface: the admin, the API, language switching, logging out.
SKIP = re.compile(r"^/(admin|api|i18n|static)/|/konto/logga-ut/")

# Units and abbreviations that are codes elsewhere but read the same on a Swedish page, and
# Swedish words that happen to be codes ("policy", a measure type, is also a Swedish tag).
NOT_A_CODE = {"kg", "km", "kwh", "mwh", "sek", "usd", "eur", "co2", "ggt", "policy"}


def _known_codes() -> set[str]:
    from klimatkontrakt.calc.budgets import METHODS
    from klimatkontrakt.contracts.services import TRACKED_FIELDS
    from klimatkontrakt.footprint.models import EmissionFactor, Rule
    from klimatkontrakt.organisations.models import MunicipalityStatus

    codes: set[str] = set(METHODS) | set(TRACKED_FIELDS)
    for model in apps.get_models():
        if model.__module__.startswith("klimatkontrakt."):
            for field in model._meta.get_fields():
                for value, _label in getattr(field, "flatchoices", None) or []:
                    if isinstance(value, str):
                        codes.add(value)
            if issubclass(model, MunicipalityStatus):
                codes.update(model.objects.values_list("key", flat=True))
    codes.update(EmissionFactor.objects.values_list("category", flat=True))
    codes.update(Rule.objects.values_list("category", flat=True))
    swedish = {w.lower() for e in polib.pofile(str(SV_PO)) for w in _words(e.msgstr)}
    # A code that is also a Swedish word ("plan", "status", "bolag") reads as Swedish.
    return {
        c
        for c in codes
        if re.fullmatch(r"[a-z][a-z0-9_-]{2,}", c) and c not in NOT_A_CODE and c not in swedish
    }


class _English:
    """English a Swedish page must not show: the catalogue's msgids whose Swedish differs, and
    Django's own English defaults that its Swedish catalogues leave untranslated. A msgid of
    up to three words counts when a text piece is just that ("Done", "Source: SMHI"); a longer
    one anywhere (its longest stretch of words between placeholders). The demo's own content
    (the paraphrased contract) is English prose, so short phrases inside prose do not count."""

    def __init__(self) -> None:
        catalogue = polib.pofile(str(SV_PO))
        ours = [e.msgid for e in catalogue if e.msgstr and e.msgstr != e.msgid]
        translated = {e.msgid for e in catalogue if e.msgstr}
        django_own = [
            e.msgid
            for po in DJANGO_SV_PO
            for e in polib.pofile(str(po))
            if e.msgid and not e.msgstr and e.msgid not in translated
        ]
        self.short: set[tuple[str, ...]] = set()
        self.by_start: dict[tuple[str, ...], set[tuple[str, ...]]] = {}
        for msgid in ours + django_own:
            literal = [_words(p) for p in PLACEHOLDER.split(msgid)]
            if len(literal) == 1 and 1 <= len(literal[0]) <= 3:
                self.short.add(literal[0])
            longest = max(literal, key=len)
            if len(longest) >= 3:
                self.by_start.setdefault(longest[:3], set()).add(longest)

    def find(self, piece: str) -> set[str]:
        words = _words(piece)
        label = _words(piece.split(":")[0])  # "Source: SMHI" is the label "Source"
        found = {" ".join(w) for w in (words, label) if w in self.short}
        for i in range(len(words) - 2):
            for candidate in self.by_start.get(tuple(words[i : i + 3]), ()):
                if len(candidate) >= 4 and tuple(words[i : i + len(candidate)]) == candidate:
                    found.add(" ".join(candidate))
        return found


def _codes_in(piece: str, codes: set[str]) -> set[str]:
    """A code with an underscore anywhere ("district_heating"); a one-word code ("spend") only
    as a whole piece, in quotes or in brackets, since the demo's English prose uses such words."""
    tokens = re.findall(r"(?<![\w/.-])[a-z][a-z0-9_]+(?![\w/-])", piece)
    found = {t for t in tokens if "_" in t and t in codes}
    marked = re.findall(r"[”“\"'(]([a-z][a-z0-9_-]+)[”\"')]", piece)  # ”fixed”, (admin)
    return found | ({piece.strip(" :")} & codes) | (set(marked) & codes)


PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")


def _words(text: str) -> tuple[str, ...]:
    return tuple(re.findall(r"[^\W\d_][\w'’-]*", text))


def editor_forms(code: str) -> list[str]:
    """The editor's forms, also those that only a button leads to. The demo's contract
    versions are signed, so a draft for next year is started to reach the commitment forms."""
    from klimatkontrakt.contracts.models import Commitment, ContractVersion
    from klimatkontrakt.contracts.services import start_next_version
    from klimatkontrakt.investments.models import InvestmentPlan, Measure
    from klimatkontrakt.organisations.access import SYSTEM
    from klimatkontrakt.plans.models import Action
    from klimatkontrakt.training.models import Training

    signed = ContractVersion.objects.filter(contract__municipality__code=code).last()
    assert signed is not None
    draft = start_next_version(SYSTEM, signed) if signed.is_signed else signed
    plan = InvestmentPlan.objects.filter(municipality__code=code).first()
    measure = Measure.objects.filter(plan=plan).first()
    action = Action.objects.filter(plan__municipality__code=code).first()
    commitment = Commitment.objects.filter(version=draft).first()
    training = Training.objects.filter(municipality__code=code).first()
    assert plan and measure and action and commitment and training
    c, y = code, draft.year
    names = [
        ("emissions:goal_new", c),
        ("emissions:budget_new", c),
        ("footprint:upload", c),
        ("footprint:mapping", c),
        ("footprint:tables", c),
        ("investments:plan_new", c),
        ("investments:plan_edit", c, plan.pk),
        ("investments:measure_new", c, plan.pk),
        ("investments:measure_edit", c, plan.pk, measure.pk),
        ("investments:funding", c, plan.pk),
        ("plans:import", c, action.plan_id),
        ("plans:action_new", c, action.plan_id),
        ("plans:action_edit", c, action.plan_id, action.pk),
        ("plans:action_update", c, action.plan_id, action.pk),
        ("plans:action_delete", c, action.plan_id, action.pk),
        ("contracts:commitment_new", c, y),
        ("contracts:commitment_edit", c, y, commitment.pk),
        ("contracts:section_edit", c, y, commitment.section.key),
        ("training:new", c),
        ("training:edit", c, training.pk),
    ]
    return [reverse(name, args=args) for name, *args in names]


def import_tables(code: str, client) -> None:  # type: ignore[no-untyped-def]
    """An action table and a measure table imported (their own exports read back in): their
    pages then list the imports with a link to each one's removal page."""
    from klimatkontrakt.investments.models import InvestmentPlan
    from klimatkontrakt.investments.services import import_measures
    from klimatkontrakt.organisations.access import SYSTEM
    from klimatkontrakt.plans.models import ActionPlan
    from klimatkontrakt.plans.workbook import export_actions, import_actions

    actions = ActionPlan.objects.filter(municipality__code=code).first()
    measures = InvestmentPlan.objects.filter(municipality__code=code).first()
    assert actions and measures
    import_actions(actions, export_actions(actions), "aktiviteter.xlsx", user=SYSTEM)
    table = client.get(reverse("investments:export", args=[code, measures.pk]), {"format": "csv"})
    import_measures(measures, table.content, "atgarder.csv", user=SYSTEM)


def crawl(client, seeds: list[str]) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """path → HTML of every page reached from the seeds. Of pages that differ only in the
    values of their query (filters of one list), a few are enough; of those that differ only in
    a list's order, one."""
    seen: dict[str, str] = {}
    queue = deque((seed, 0) for seed in seeds)
    queued = set(seeds)
    variants: Counter[tuple[str, ...]] = Counter()
    while queue:
        path, depth = queue.popleft()
        response = client.get(path)
        if response.status_code in (301, 302) or "text/html" not in response.get(
            "Content-Type", ""
        ):
            continue
        html = response.content.decode()
        seen[path] = html
        if depth >= DEPTH:
            continue
        for href in read_page(html)[2]:
            target = same_site_path(href, path)
            if target is None or target in queued or SKIP.search(target):
                continue
            muni = re.match(r"^/kommun/(\d{4})/", target)
            if muni and muni.group(1) not in FULL_CRAWL:
                continue
            names = set(parse_qs(urlsplit(target).query))
            shape = (urlsplit(target).path, *sorted(names))
            if variants[shape] >= (1 if names & ORDER_ONLY else QUERY_VARIANTS):
                continue
            variants[shape] += 1
            queued.add(target)
            queue.append((target, depth + 1))
    return seen


def findings(pages: dict[str, str]) -> dict[str, list[str]]:
    codes = _known_codes()
    english = _English()
    found: dict[str, list[str]] = {}
    for path, html in pages.items():
        text, _code_text, _links = read_page(html)
        problems = set()
        for piece in text:
            problems.update(_codes_in(piece, codes))
            problems.update(f"English: {e!r}" for e in english.find(piece))
        if problems:
            found[path] = sorted(problems)
    return found
