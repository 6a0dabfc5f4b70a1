from django.urls import path

from telegov.disclosure import editor_views as editor
from telegov.disclosure import subscription_views as subscriptions
from telegov.disclosure.public import published_file

app_name = "disclosure"
urlpatterns = [
    path("o/<slug:slug>/status/", editor.overview, name="editor"),
    path("o/<slug:slug>/status/states/", editor.set_states, name="set_states"),
    path("o/<slug:slug>/status/publish/", editor.publish, name="publish"),
    path("o/<slug:slug>/status/components/new/", editor.component_create, name="component_create"),
    path("o/<slug:slug>/status/components/<int:component_id>/", editor.component_edit, name="component_edit"),
    path("o/<slug:slug>/status/incidents/new/", editor.incident_create, name="incident_create"),
    path("o/<slug:slug>/status/incidents/<int:incident_id>/", editor.incident_detail, name="incident"),
    path("o/<slug:slug>/status/maintenance/new/", editor.maintenance_create, name="maintenance_create"),
    path("o/<slug:slug>/status/subscribers/new/", editor.subscriber_create, name="subscriber_create"),
    path("status/<slug:slug>/subscribe/", subscriptions.subscribe, name="subscribe"),
    path("status/<slug:slug>/subscribe/confirm/<str:token>/", subscriptions.confirm, name="confirm"),
    path("status/<slug:slug>/subscribe/stop/<str:token>/", subscriptions.stop, name="unsubscribe"),
    # The published files; the production server answers these before Django (telegov.disclosure.public).
    path("status/<slug:slug>/", published_file, name="public"),
    path("status/<slug:slug>/<path:path>", published_file, name="public_file"),
]
