"""What every worker would otherwise do on its first requests, done once before the workers start.

gunicorn loads the application in its master process (`preload_app` in config/gunicorn.conf.py)
and forks its workers from it: whatever the master has imported, compiled and read, each worker
has from its first request on. Django does most of that lazily, at a process's first request:
the URL configuration and every view module behind it, the cache backend (and the Redis client's
modules), each template compiled, the form widgets' templates, the translation catalogues. At
the large size that cost a fresh worker more CPU on its first trip page than ten later trip
pages (575 against 42–49 ms, under load), and a worker is fresh after every deploy and, with
`max_requests`, every few thousand requests.

Nothing here touches the database or the cache server (a connection is never shared across a
fork), and nothing here may keep the site from starting: a template that does not compile on its
own is left for the request that uses it, which will say what is wrong with it.
"""

import logging
from importlib import import_module
from pathlib import Path

from django import forms
from django.conf import settings
from django.core.cache import caches
from django.db.utils import load_backend
from django.forms.renderers import get_default_renderer
from django.template import engines
from django.urls import get_resolver
from django.utils import formats, translation
from django.utils.module_loading import import_string

from cooperation import content_version

logger = logging.getLogger(__name__)

TEMPLATE_SUFFIXES = (".html", ".txt", ".xml")


def template_names(folder):
    """The names of the templates under `folder`, as a loader asks for them."""
    root = Path(folder)
    if not root.is_dir():
        return []
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.suffix in TEMPLATE_SUFFIXES and path.is_file()
    )


def warm():
    """Import, compile and read what the pages need; the number of templates compiled."""
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            # Each language's reverse lookups are worked out on their own.
            get_resolver().reverse_dict  # noqa: B018
        # The language's date and number formats, which the pages' dates are written with.
        formats.get_format_modules(language)
    for alias in settings.CACHES:
        caches[alias]
        del caches[alias]  # each worker makes its own client
    # What a worker's first page otherwise did before its first query and its first render (at
    # the large size a fresh worker's first trip page cost 80 ms of CPU more than its next, five
    # workers at once after a deploy; this is some 30 of them):
    # the database backend's SQL compiler, the tables the cached pages watch (read from every
    # app's models and where each app lives), the context processors, the message and session
    # classes. No connection is made: the compiler's module is only imported.
    for database in settings.DATABASES.values():
        import_module(load_backend(database["ENGINE"]).DatabaseWrapper.ops_class.compiler_module)
    content_version.watched_tables()
    for engine in engines.all():
        getattr(engine, "engine", engine).template_context_processors  # noqa: B018
    import_string(settings.MESSAGE_STORAGE)
    import_string(settings.SESSION_SERIALIZER)
    compiled = 0
    for engine in engines.all():
        for folder in getattr(engine, "template_dirs", ()):
            for name in template_names(folder):
                try:
                    engine.get_template(name)
                    compiled += 1
                except Exception:
                    logger.debug("Template %s not compiled ahead", name, exc_info=True)
    renderer = get_default_renderer()
    widgets = Path(forms.__file__).resolve().parent / "templates" / "django" / "forms" / "widgets"
    for name in template_names(widgets):
        try:
            renderer.get_template(f"django/forms/widgets/{name}")
            compiled += 1
        except Exception:
            logger.debug("Widget template %s not compiled ahead", name, exc_info=True)
    return compiled
