from django.urls import path

from . import views
from .purchase import views as purchase_views

app_name = "catalog_search"

urlpatterns = [
    path("search/", views.search, name="search"),
    path("suggest/", views.suggest, name="suggest"),
    path("purchase-suggestions/", purchase_views.suggestion_form, name="suggest_purchase"),
    path("purchase-suggestions/status/", purchase_views.suggestion_status, name="suggestion_status"),
    path("<str:record_id>/", views.record, name="record"),
]
