from django.urls import path

from telegov.userinfo.views import assessment, documents, public, register

app_name = "userinfo"
BASE = "o/<slug:slug>/userinfo/"
urlpatterns = [
    path(BASE, register.overview, name="overview"),
    path(BASE + "profile/", register.profile_edit, name="profile"),
    path(BASE + "exchange/", register.exchange_page, name="exchange"),
    path(BASE + "documents/", documents.document_list, name="documents"),
    path(BASE + "documents/new/<str:kind>/", documents.document_generate, name="generate"),
    path(BASE + "documents/<int:pk>/", documents.document_detail, name="document"),
    path(BASE + "documents/<int:pk>/<str:step>/", documents.document_step, name="document_step"),
    path(BASE + "documents/<int:pk>/file.<str:fmt>", documents.document_file, name="document_file"),
    path(BASE + "chief-manager/", documents.appoint, name="appoint"),
    path(BASE + "assessments/", assessment.cycle_list, name="cycles"),
    path(BASE + "assessments/open/", assessment.cycle_open, name="cycle_open"),
    path(BASE + "assessments/<int:pk>/", assessment.cycle_detail, name="cycle"),
    path(BASE + "assessments/<int:pk>/risks/<int:risk_pk>/", assessment.risk_edit, name="risk"),
    path(BASE + "assessments/<int:pk>/<str:step>/", assessment.cycle_step, name="cycle_step"),
    path(BASE + "contractors/<int:pk>/supervision/", register.supervision_create, name="supervision"),
    path(BASE + "evidence/<int:pk>/", register.evidence_file, name="evidence"),
    path(BASE + "<str:table>/", register.table_list, name="table"),
    path(BASE + "<str:table>/new/", register.row_create, name="create"),
    path(BASE + "<str:table>/<int:pk>/edit/", register.row_edit, name="edit"),
    path(BASE + "<str:table>/<int:pk>/delete/", register.row_delete, name="delete"),
    path("public/<slug:slug>/policy/", public.published_policy, name="public_policy"),
    path("public/<slug:slug>/policy/<str:filename>", public.published_policy, name="public_policy_file"),
]
