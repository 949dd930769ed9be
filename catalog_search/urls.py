from django.urls import path

from . import suggestion_views, views

app_name = "catalog_search"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("suggest/", views.suggest, name="suggest"),
    path("purchase-suggestions/", suggestion_views.suggestion_form, name="suggest_purchase"),
    path("purchase-suggestions/status/", suggestion_views.suggestion_status, name="suggestion_status"),
    path("<str:record_id>/", views.record, name="record"),
]
