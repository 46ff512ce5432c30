from django.contrib.auth.views import LoginView
from django.urls import path

from tests.testapp import views

urlpatterns = [
    path("ping/", views.ping),
    path("submit/", views.submit),
    path("api/data/", views.data),
    path("login/", LoginView.as_view(), name="login"),
    path("locked/", views.locked),
]
