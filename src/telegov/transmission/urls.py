from django.urls import path

from telegov.transmission import public, views

app_name = "transmission"
BASE = "o/<slug:slug>/transmission/"
urlpatterns = [
    path(BASE, views.overview, name="overview"),
    path(BASE + "catalog/", views.catalog_overrides, name="catalog"),
    path(BASE + "sites/<int:pk>/", views.site_detail, name="site"),
    path(BASE + "sites/<int:pk>/edit/", views.site_edit, name="site_edit"),
    path(BASE + "sites/<int:pk>/scans/<int:scan_pk>/", views.scan_detail, name="scan"),
    path("public/<slug:slug>/transmission/<slug:site>/", public.published_notice, name="public_notice"),
    path("public/<slug:slug>/transmission/<slug:site>/<path:path>", public.published_notice,
         name="public_notice_file"),
]
