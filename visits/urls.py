from django.urls import path

from visits import views

app_name = "visits"

urlpatterns = [
    path("", views.delegation_list, name="delegation_list"),
    path("meetings/<slug:slug>/", views.meeting_detail, name="meeting_detail"),
    path("<slug:slug>/", views.delegation_detail, name="delegation_detail"),
]
