from django.urls import path

from . import views

app_name = "catalog_search"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("suggest/", views.suggest, name="suggest"),
    path("<str:record_id>/", views.record, name="record"),
]
