from django.urls import path

from telegov.incidents import notification_views, views

app_name = "incidents"
urlpatterns = [
    path("incidents/deadlines/", views.deadline_board_page, name="board"),
    path("o/<slug:slug>/incidents/", views.incident_list, name="list"),
    path("o/<slug:slug>/incidents/new/", views.incident_create, name="create"),
    path("o/<slug:slug>/incidents/notifications/", notification_views.notifications_page, name="notifications"),
    path("o/<slug:slug>/incidents/<int:pk>/", views.incident_detail, name="detail"),
    path("o/<slug:slug>/incidents/<int:pk>/edit/", views.incident_edit, name="edit"),
    path("o/<slug:slug>/incidents/<int:pk>/events/", views.event_add, name="event_add"),
    path("o/<slug:slug>/incidents/<int:pk>/reports/<int:report_id>/filed/", views.report_filed, name="report_filed"),
    path("o/<slug:slug>/incidents/<int:pk>/close/", views.incident_close, name="close"),
    path("o/<slug:slug>/incidents/<int:pk>/first-report.<str:fmt>", views.first_report_file, name="first_report"),
    path("o/<slug:slug>/incidents/<int:pk>/detailed-report.pdf", views.detailed_report_file, name="detailed_report"),
    path("o/<slug:slug>/incidents/quarterly/<int:operator_id>/<str:quarter>.<str:fmt>", views.quarterly_file,
         name="quarterly"),
]
