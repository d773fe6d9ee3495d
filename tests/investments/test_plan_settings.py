from django.urls import reverse

from klimatkontrakt.investments import selectors
from klimatkontrakt.investments.models import InvestmentPlan


def baseline_post(rows, prefix="baseline"):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, (sector, base_t, trend) in enumerate(rows):
        data.update(
            {
                f"{prefix}-{i}-sector": sector,
                f"{prefix}-{i}-base_t": base_t,
                f"{prefix}-{i}-trend_per_year": trend,
                f"{prefix}-{i}-source": "SMHI 2022 (exempel)",
            }
        )
    return data


PLAN = {
    "name": "Koncernens plan",
    "scope": "group",
    "discount_rate": "0.04",
    "base_year": "2025",
    "end_year": "2030",
    "budget_total_t": "50000",
    "budget_source": "Kommunens utsläppsbudget (exempel)",
    "goal_year": "2030",
    "goal_level_t": "5000",
}


def test_editor_creates_plan_with_baseline_then_sees_pathway(client, karlstad, editor):
    client.force_login(editor)
    data = {**PLAN, **baseline_post([("Transporter", "6000", "-0.02"), ("Energi", "3000", "0")])}
    response = client.post(reverse("investments:plan_new", args=["1780"]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = InvestmentPlan.objects.get(municipality=karlstad, name="Koncernens plan")
    assert plan.baseline.count() == 2
    summary = selectors.plan_summary(plan, runs=50)
    # No measures yet: the pathway is BAU; 6 000 × 0.98^k + 3 000 summed over 2025–2030.
    expected = sum(6000 * 0.98**k + 3000 for k in range(6))
    assert summary.pathway.total_cumulative_t == expected
    assert summary.within_budget is False
    assert client.get(reverse("investments:overview", args=["1780", plan.pk])).status_code == 200


def test_department_plan_needs_department_and_goal_inside_period(client, karlstad, editor):
    client.force_login(editor)
    data = {**PLAN, "scope": "department", "goal_year": "2040", **baseline_post([])}
    response = client.post(reverse("investments:plan_new", args=["1780"]), data)
    assert response.status_code == 200
    assert not InvestmentPlan.objects.filter(name="Koncernens plan").exists()
    form = response.context["form"]
    assert "department" in form.errors or "goal_year" in form.errors


def test_plan_settings_need_editor(client, demo_plan, viewer):
    client.force_login(viewer)
    url = reverse("investments:plan_edit", args=["1780", demo_plan.pk])
    assert client.get(url).status_code == 403
    assert client.get(reverse("investments:plan_new", args=["1780"])).status_code == 403
