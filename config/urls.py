from django.contrib import admin
from django.urls import include, path

from dashboard import views as dashboard
from meetings.views import feed
from partnership.views import health

urlpatterns = [
    path("", dashboard.home, name="home"),
    path("accessibility/", dashboard.accessibility, name="accessibility"),
    path("healthz", health.healthz, name="healthz"),
    path("accounts/", include("partnership.urls_accounts")),
    path("admin/", admin.site.urls),
    # Calendar apps have no session: the token in the URL stands for the user.
    path("calendar/<str:token>/<uuid:board_uuid>.ics", feed.calendar_feed, name="calendar-feed"),
    path("p/<slug:partnership_slug>/", include("dashboard.urls")),
    path("p/<slug:partnership_slug>/", include("partnership.urls")),
    path("p/<slug:partnership_slug>/documents/", include("documents.urls")),
    path("p/<slug:partnership_slug>/actions/", include("actions.urls")),
    path("p/<slug:partnership_slug>/meetings/", include("meetings.urls")),
    path("p/<slug:partnership_slug>/reviews/", include("reviews.urls")),
    path("p/<slug:partnership_slug>/funding/", include("funding.urls")),
    path("p/<slug:partnership_slug>/reports/annual/", include("dashboard.annual_report.urls")),
]
