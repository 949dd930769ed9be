from django.urls import path

from . import calendar

app_name = "events"

urlpatterns = [
    path("feed.ics", calendar.feed, name="feed"),
]
