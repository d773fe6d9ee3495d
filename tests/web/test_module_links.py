"""Templates link into another app's pages through the `web.modules` registry."""

from django.template import Context, Template
from django.urls import reverse


def render(source: str) -> str:
    return Template("{% load kk %}" + source).render(Context({}))


def test_a_registered_page_renders_as_its_url():
    assert render('{% module_url "goal" "1780" 7 %}') == reverse("goals:detail", args=["1780", 7])
    assert render('{% module_url "contract_diff" "1780" %}') == reverse(
        "contracts:diff", args=["1780"]
    )


def test_a_page_no_installed_app_registered_renders_empty():
    assert render('{% module_url "no_such_page" "1780" %}') == ""
    assert (
        render('{% module_url "no_such_page" "1780" as url %}{% if not url %}-{% endif %}') == "-"
    )
