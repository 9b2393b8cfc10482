from django.contrib import admin
from django.urls import include, path

from partnership.views import health, home

urlpatterns = [
    path("", home.home, name="home"),
    path("accessibility/", home.accessibility, name="accessibility"),
    path("healthz", health.healthz, name="healthz"),
    path("accounts/", include("partnership.urls_accounts")),
    path("admin/", admin.site.urls),
    path("p/<slug:partnership_slug>/", include("partnership.urls")),
    path("p/<slug:partnership_slug>/documents/", include("documents.urls")),
    path("p/<slug:partnership_slug>/actions/", include("actions.urls")),
    path("p/<slug:partnership_slug>/meetings/", include("meetings.urls")),
]
