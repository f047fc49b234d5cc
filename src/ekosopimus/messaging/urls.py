from django.urls import path

from . import views

app_name = "messaging"
urlpatterns = [
    path("", views.notification_list, name="notifications"),
    path("<int:pk>/", views.notification_open, name="open"),
    path("luettu/", views.notifications_read, name="read_all"),
    path("asetukset/", views.preferences, name="preferences"),
    path("asetukset/kalenteri/", views.calendar_feed_manage, name="calendar"),
]
