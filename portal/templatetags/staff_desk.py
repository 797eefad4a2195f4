"""The staff start page's cards, for the admin index template (portal.staff)."""

from django import template

from portal.staff import desk

register = template.Library()


@register.simple_tag(takes_context=True)
def staff_desk(context):
    return desk(context["request"])
