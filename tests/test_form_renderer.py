"""Form widgets: Django's own through Jinja2, the admin's wrappers through the site's templates."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AdminDateWidget
from django.contrib.auth import get_user_model
from django.forms.renderers import get_default_renderer
from django.template.backends.jinja2 import Template as Jinja2Template

from config.forms import WidgetRenderer


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


class TemplatesOnly(WidgetRenderer):
    """Every template rendered by its template, none written out in Python."""

    def render(self, template_name, context, request=None):
        return self.render_template(template_name, context, request)


def _admin_forms(request, renderer):
    """Every registered admin's change form and its inlines' rows (and empty rows) for the first
    record of each kind, as a superuser opens them: unbound, and bound to an empty post (errors)."""
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        obj = model._default_manager.order_by("pk").first()
        if not model_admin.has_change_permission(request, obj):
            continue
        form_class = model_admin.get_form(request, obj)
        yield model_admin, form_class(instance=obj, renderer=renderer)
        yield model_admin, form_class({}, instance=obj, renderer=renderer)
        for inline in model_admin.get_inline_instances(request, obj):
            formset = inline.get_formset(request, obj)(instance=obj, prefix=f"inline-{inline.model.__name__}")
            for form in [*formset.forms, formset.empty_form]:
                form.renderer = renderer
                yield inline, form


def _rendered(form):
    return [(name, str(form[name]), form[name].label_tag(), str(form[name].errors)) for name in form.fields]


@pytest.mark.usefixtures("seed")
def test_the_widgets_written_in_python_are_their_templates_character_for_character(rf):
    request = rf.get("/admin/")
    request.user = get_user_model().objects.create_superuser("renderer-check", password="x" * 20)
    compared = set()

    by_python, by_template = _admin_forms(request, WidgetRenderer()), _admin_forms(request, TemplatesOnly())
    for (owner, form), (_owner, form_by_template) in zip(by_python, by_template, strict=True):
        assert _rendered(form) == _rendered(form_by_template), owner
        compared.update(getattr(field.widget, "widget", field.widget).template_name for field in form.fields.values())
        compared.update(field.widget.template_name for field in form.fields.values())

    assert {
        f"django/forms/widgets/{kind}.html" for kind in ("select", "text", "number", "textarea", "checkbox", "hidden")
    } | {"admin/widgets/related_widget_wrapper.html"} <= compared


@pytest.mark.parametrize("widget, value", [
    (forms.TextInput(attrs={"placeholder": 'a "b" <c> & \'d\'', "required": True, "disabled": False}), "x<y>\"'"),
    (forms.NumberInput(), 0),
    (forms.NumberInput(), None),
    (forms.HiddenInput(), ""),
    (forms.CheckboxInput(), True),
    (forms.EmailInput(), "a@b.cn"),
    (forms.DateInput(), "2026-12-07"),
    (forms.Textarea(), "第一行\n<b>两</b> & '三'"),
    (forms.Textarea(), ""),
    (forms.Select(choices=[("", ""), ("a", "甲 <A>"), ("组", [("b", "乙"), ("c", '丙 "C"')])]), "b"),
    (forms.SelectMultiple(choices=[("a", "甲"), ("b", "乙")]), ["a", "b"]),
    (forms.NullBooleanSelect(), None),
])
def test_each_widget_in_python_is_its_template_character_for_character(widget, value):
    attrs = {"id": "id_f", "class": "vTextField"}

    assert widget.render("f", value, attrs, WidgetRenderer()) == widget.render("f", value, attrs, TemplatesOnly())


def test_labels_and_error_lists_in_python_are_their_templates():
    form = Choice({"region": "nowhere"}, renderer=WidgetRenderer())
    by_template = Choice({"region": "nowhere"}, renderer=TemplatesOnly())

    assert _rendered(form) == _rendered(by_template)
    assert 'class="errorlist"' in str(form["region"].errors)
    assert form["region"].label_tag(attrs={"class": "required", "hidden": True}) == by_template["region"].label_tag(
        attrs={"class": "required", "hidden": True}
    )


def test_the_links_beside_a_related_field_are_their_template_in_each_language():
    from django.conf import settings
    from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
    from django.utils import translation

    from visits.models import Participant

    relation = Participant._meta.get_field("person").remote_field
    wrapper = RelatedFieldWidgetWrapper(
        forms.Select(choices=[("", "")]), relation, admin.site,
        can_add_related=True, can_change_related=True, can_delete_related=True, can_view_related=True,
    )
    shown = {}
    for language in ("en", settings.LANGUAGE_CODE, "en"):
        with translation.override(language):
            shown[language] = wrapper.render("person", None, {"id": "id_person"}, WidgetRenderer())
            assert shown[language] == wrapper.render("person", None, {"id": "id_person"}, TemplatesOnly())

    assert shown["en"] != shown[settings.LANGUAGE_CODE]
    assert 'title="Change selected' in shown["en"]


class Labelled(forms.ModelForm):
    """Each rule of a label: a suffix kept off by a stop, a field's own suffix, a checkbox's none,
    a widget's own id, a required field."""

    required_css_class = "needed"
    done = forms.CharField(label="完成了吗?")
    note = forms.CharField(label="备注", label_suffix=" →", required=False)
    agreed = forms.BooleanField(label="同意", required=False)
    code = forms.CharField(label="编码", widget=forms.TextInput(attrs={"id": "own-id"}))

    class Meta:
        model = get_user_model()
        fields = ["username"]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
@pytest.mark.parametrize("auto_id", ["id_%s", False])
def test_the_admin_labels_in_python_are_djangos_label_tags(language, auto_id):
    """The admin's fieldset lines write each label themselves (accounts/templatetags/admin_form_rows.py);
    the change pages hold them to Django's, and this each rule no page of the site shows."""
    from django.contrib.admin.helpers import AdminField, AdminReadonlyField
    from django.utils import translation

    from accounts.templatetags.admin_form_rows import _label_tag, _label_words

    model_admin = admin.site._registry[get_user_model()]
    with translation.override(language):
        form = Labelled(auto_id=auto_id, renderer=WidgetRenderer())
        words = _label_words(form)
        for name in ["username", "done", "note", "agreed", "code"]:
            for is_first in (True, False):
                field = AdminField(form, name, is_first)
                assert _label_tag(field, *words) == field.label_tag(), (name, is_first)
        for is_first in (True, False):
            field = AdminReadonlyField(form, "date_joined", is_first, model_admin=model_admin)
            assert _label_tag(field, *words) == field.label_tag()
