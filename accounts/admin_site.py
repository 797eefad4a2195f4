"""The admin site: Django's, with the fixed part of its app list worked out once per process.

Every admin page lists the apps and models the user may open (the sidebar; the index and an
app's page again in their body). Django builds that list anew on each request: some sixty URL
reversals, every lazy name translated and sorted, and each model's permissions asked — and the
index asks for it twice. Of these, only the permissions depend on the user: the names, their
order and the addresses change only with a deploy, the language or the script prefix, so they
are kept per process under those. The permissions are still asked on every request (once), so a
permission or role change shows on the user's next page. The sidebar's markup is kept the same
way (accounts/templatetags/admin_nav.py).
"""

from dataclasses import dataclass

from django.apps import apps
from django.contrib import admin
from django.contrib.admin.apps import AdminConfig as DjangoAdminConfig
from django.urls import NoReverseMatch, get_resolver, get_script_prefix, get_urlconf, reverse
from django.utils.text import capfirst
from django.utils.translation import get_language

# Where a request keeps the app lists made for it: {app label or None: list}.
REQUEST_ATTRIBUTE = "_admin_app_lists"
# Addresses kept by kept_reverse(); all are dropped when it is full.
KEPT_ADDRESSES = 4096
_addresses = {}


def kept_reverse(viewname, args=(), current_app=None):
    """Django's reverse(), kept per process under the URL conf (a changed one is a new resolver),
    the script prefix and the language: a change form names the same few admin addresses once
    per row and field (each related field's change, add, delete and view links, each
    autocomplete field's search address)."""
    key = (get_resolver(get_urlconf()), get_script_prefix(), get_language(), viewname, tuple(args), current_app)
    address = _addresses.get(key)
    if address is None:
        if len(_addresses) >= KEPT_ADDRESSES:
            _addresses.clear()
        address = _addresses[key] = reverse(viewname, args=args, current_app=current_app)
    return address


class AdminConfig(DjangoAdminConfig):
    default_site = "accounts.admin_site.AdminSite"


@dataclass(frozen=True)
class _Model:
    model: type
    model_admin: admin.ModelAdmin
    name: str
    object_name: str
    admin_url: str | None
    add_url: str | None


@dataclass(frozen=True)
class _App:
    app_label: str
    name: str
    app_url: str
    models: tuple


class AdminSite(admin.AdminSite):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._layouts = {}

    def register(self, *args, **kwargs):
        super().register(*args, **kwargs)
        self._layouts.clear()

    def unregister(self, *args, **kwargs):
        super().unregister(*args, **kwargs)
        self._layouts.clear()

    def get_app_list(self, request, app_label=None):
        """Django's list, the same dictionaries in the same order; made once per request."""
        made = request.__dict__.get(REQUEST_ATTRIBUTE)
        if made is None or made[0] is not getattr(request, "user", None):
            made = request.__dict__[REQUEST_ATTRIBUTE] = (getattr(request, "user", None), {})
        lists = made[1]
        if app_label not in lists:
            lists[app_label] = self._app_list(request, app_label)
        return lists[app_label]

    def _app_list(self, request, app_label):
        app_list = []
        for app in self._layout():
            if app_label and app.app_label != app_label:
                continue
            models = []
            for entry in app.models:
                if not entry.model_admin.has_module_permission(request):
                    continue
                perms = entry.model_admin.get_model_perms(request)
                if True not in perms.values():
                    continue
                model = {
                    "model": entry.model,
                    "name": entry.name,
                    "object_name": entry.object_name,
                    "perms": perms,
                    "admin_url": None,
                    "add_url": None,
                }
                if perms.get("change") or perms.get("view"):
                    model["view_only"] = not perms.get("change")
                    model["admin_url"] = entry.admin_url
                if perms.get("add"):
                    model["add_url"] = entry.add_url
                models.append(model)
            if models:
                app_list.append(
                    {
                        "name": app.name,
                        "app_label": app.app_label,
                        "app_url": app.app_url,
                        "has_module_perms": True,
                        "models": models,
                    }
                )
        return app_list

    def _layout(self):
        """Every registered app and model in Django's order, named and addressed in this language."""
        key = (get_language(), get_script_prefix(), get_urlconf())
        layout = self._layouts.get(key)
        if layout is None:
            layout = self._layouts[key] = self._make_layout()
        return layout

    def _make_layout(self):
        by_app = {}
        for model, model_admin in self._registry.items():
            opts = model._meta
            by_app.setdefault(opts.app_label, []).append(
                _Model(
                    model=model,
                    model_admin=model_admin,
                    name=str(capfirst(opts.verbose_name_plural)),
                    object_name=opts.object_name,
                    admin_url=self._reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
                    add_url=self._reverse(f"admin:{opts.app_label}_{opts.model_name}_add"),
                )
            )
        layout = []
        for app_label, models in by_app.items():
            # Sorted as Django sorts them: apps by lower-cased name, models by name, stable.
            models.sort(key=lambda entry: entry.name)
            layout.append(
                _App(
                    app_label=app_label,
                    name=str(apps.get_app_config(app_label).verbose_name),
                    app_url=reverse("admin:app_list", kwargs={"app_label": app_label}, current_app=self.name),
                    models=tuple(models),
                )
            )
        layout.sort(key=lambda app: app.name.lower())
        return tuple(layout)

    def _reverse(self, name):
        try:
            return reverse(name, current_app=self.name)
        except NoReverseMatch:
            return None
