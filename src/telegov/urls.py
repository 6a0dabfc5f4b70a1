from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from telegov.api import api

urlpatterns = [
    path("", include("telegov.core.urls")),
    path("rules/", include("telegov.rules.urls")),
    path("", include("telegov.disclosure.urls")),
    path("", include("telegov.incidents.urls")),
    path("", include("telegov.userinfo.urls")),
    path("", include("telegov.transmission.urls")),
    path("login/", auth_views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/", api.urls),
    path("admin/", admin.site.urls),
]
