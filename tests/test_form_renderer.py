"""Form widgets: Django's own through Jinja2, the admin's wrappers through the site's templates."""

from django import forms
from django.contrib.admin.widgets import AdminDateWidget
from django.forms.renderers import get_default_renderer
from django.template.backends.jinja2 import Template as Jinja2Template


class Choice(forms.Form):
    region = forms.ChoiceField(choices=[("", ""), ("dx", "大兴区")], required=False)
    day = forms.DateField(widget=AdminDateWidget)


def test_an_empty_choice_is_labelled_so_the_option_is_valid_html():
    html = str(Choice()["region"])

    assert " ".join(html.split()) == (
        '<select name="region" id="id_region"> <option value="" selected label="—"></option>'
        ' <option value="dx">大兴区</option> </select>'
    )


def test_django_widgets_come_from_jinja2_and_the_admin_s_own_from_the_site_templates():
    renderer = get_default_renderer()

    select = renderer.get_template("django/forms/widgets/select_option.html")
    admin_date = renderer.get_template("admin/widgets/date.html")

    assert isinstance(select, Jinja2Template)
    assert not isinstance(admin_date, Jinja2Template)
    assert 'class="vDateField' in str(Choice()["day"])
