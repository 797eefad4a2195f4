from django.urls import path

from portal import project_pages as views

# The project pages show the site visits that inspected each project, so they sit above visits/.
app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="project_list"),
    path("<slug:slug>/", views.project_detail, name="project_detail"),
]
