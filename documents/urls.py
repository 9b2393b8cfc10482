from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("<uuid:job_uuid>/", views.job_status, name="status"),
    path("<uuid:job_uuid>/download/", views.job_download, name="download"),
]
