from django.urls import path

from tests.testapp import views

urlpatterns = [
    path("ping/", views.ping),
    path("submit/", views.submit),
    path("api/data/", views.data),
]
