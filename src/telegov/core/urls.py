from django.urls import path

from telegov.core import views
from telegov.obligations.views import obligation_detail

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("o/<slug:slug>/", views.dashboard, name="dashboard"),
    path("o/<slug:slug>/audit/", views.audit_log, name="audit"),
    path("o/<slug:slug>/operators/new/", views.operator_create, name="operator_create"),
    path("o/<slug:slug>/operators/<int:operator_id>/", views.operator_detail, name="operator"),
    path("o/<slug:slug>/operators/<int:operator_id>/edit/", views.operator_edit, name="operator_edit"),
    path("o/<slug:slug>/operators/<int:operator_id>/delete/", views.operator_delete, name="operator_delete"),
    path("o/<slug:slug>/operators/<int:operator_id>/services/new/", views.service_create, name="service_create"),
    path("o/<slug:slug>/operators/<int:operator_id>/services/<int:service_id>/edit/", views.service_edit,
         name="service_edit"),
    path("o/<slug:slug>/operators/<int:operator_id>/services/<int:service_id>/delete/", views.service_delete,
         name="service_delete"),
    path("o/<slug:slug>/operators/<int:operator_id>/obligations/<str:obligation_id>/", obligation_detail,
         name="obligation"),
]
