from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from cooperation.health import healthz

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    # Two-factor login and the idle-timeout ping, inside the admin's address space.
    path("admin/security/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("visits/", include("visits.urls")),
    path("projects/", include("projects.urls")),
    path("data/", include("cooperation.urls_opendata")),
    path("", include("cooperation.urls")),
]

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
