"""The URLconf audited when the settings have no ROOT_URLCONF: one small HTML page at /."""

from django.http import HttpRequest, HttpResponse
from django.urls import path

PAGE = "<!doctype html><title>django-cfg audit</title><p>A page for the django-cfg audit.</p>"


def audit_page(request: HttpRequest) -> HttpResponse:
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", audit_page)]
