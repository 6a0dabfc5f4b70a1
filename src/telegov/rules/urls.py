from django.urls import path

from telegov.rules import views

app_name = "rules"
urlpatterns = [
    path("", views.rule_list, name="list"),
    path("<str:rule_id>/", views.rule_detail, name="detail"),
]
