"""`{{ code|category_label }}`: a purchase category as a reader names it, in the language."""

from django import template
from django.utils.translation import get_language

from klimatkontrakt.sources.factors import category_label as label

register = template.Library()


@register.filter
def category_label(category: str) -> str:
    return label(category or "", get_language())
