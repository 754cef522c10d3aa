from django import template

from harbourline.country.selectors import country_name, district_name

register = template.Library()


@register.filter
def district(code: str) -> str:
    return district_name(code) if code else "Not known"


@register.filter
def country(code: str) -> str:
    return country_name(code) if code else "Not known"


@register.filter
def words(value: str) -> str:
    return str(value).replace("_", " ").capitalize()
