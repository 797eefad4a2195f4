from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from accounts.admin_views import SafeAutocompleteJsonView
from portal.health import healthz, liveness
from portal.pagecache.views import set_language

# A database that cannot be reached answers 503 with Retry-After, any other failure 500.
handler500 = "config.unavailable.server_error"

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("healthz/live", liveness, name="liveness"),
    # Two-factor login and the idle-timeout ping, inside the admin's address space.
    path("admin/security/", include("accounts.urls")),
    # Django's autocomplete, made to refuse reverse relations and NUL bytes (accounts.admin_views).
    path("admin/autocomplete/", SafeAutocompleteJsonView.as_view(admin_site=admin.site)),
    path("admin/", admin.site.urls),
    # Django's set_language, without the CSRF token a cached page cannot carry.
    path("i18n/setlang/", set_language, name="set_language"),
    path("visits/", include("visits.urls")),
    path("projects/", include("portal.urls_projects")),
    path("feedback/", include("feedback.urls")),
    path("data/", include("portal.urls_opendata")),
    path("", include("portal.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
