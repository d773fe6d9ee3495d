"""The optimum page names each limit once: a sector's limit over many years is one line."""

from decimal import Decimal

from django.urls import reverse

from klimatkontrakt.investments.models import BaselineSector


def _plan(investment_plan_factory, measure_factory, karlstad):
    # Diesel emits 100 t a year 2025–2030 (600 t); the budget allows 500 t.
    plan = investment_plan_factory(
        municipality=karlstad, name="Maskinparken", budget_total_t=Decimal("500"), is_published=True
    )
    BaselineSector.objects.create(plan=plan, sector="diesel", base_t=Decimal("100"))
    # Together the two measures would cut 160 t a year from 2026, more than diesel emits.
    measure_factory(
        plan=plan,
        name="HVO i arbetsmaskiner",
        sector="diesel",
        reduction_t_per_year=Decimal("80"),
        capex_sek=Decimal("100000"),
        opex_change_sek_per_year=Decimal("0"),
    )
    measure_factory(plan=plan, name="Eldrivna arbetsmaskiner", sector="diesel",
                    reduction_t_per_year=Decimal("80"), capex_sek=Decimal("9000000"),
                    opex_change_sek_per_year=Decimal("0"))  # fmt: skip
    return plan


def test_each_limit_is_stated_once(client, investment_plan_factory, measure_factory, karlstad):
    plan = _plan(investment_plan_factory, measure_factory, karlstad)
    html = client.get(reverse("investments:optimum", args=["1780", plan.pk])).content.decode()
    broken = html.split("Den valda planen bryter mot dessa gränser:")[1].split("</ul>")[0]
    # Five yearly rows of the programme (2026–2030), one line on the page, by the label.
    assert broken.count("<li>") == 1
    assert "Diesel: minskningarna högst sektorns utsläpp 2026–2030" in broken
    binding = html.split('<ul class="binding-constraints">')[1].split("</ul>")[0]
    assert binding.count("<li>") == 1
    assert "Sammanlagda utsläpp inom koldioxidbudgeten" in binding
    assert "diesel 2026" not in html and "reductions at most" not in html
