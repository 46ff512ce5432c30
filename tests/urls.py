from django.contrib import admin
from django.contrib.auth.views import LoginView
from django.urls import path
from django.views.generic import TemplateView

from tests.testapp import views

urlpatterns = [
    path("admin/", admin.site.urls),
    path("ping/", views.ping),
    path("submit/", views.submit),
    path("api/data/", views.data),
    path("login/", LoginView.as_view(), name="login"),
    path("locked/", views.locked),
    path("nonce/", TemplateView.as_view(template_name="testapp/nonce.html")),
]
