"""The example's URLs plus a test-only page, for a site started by the browser tests."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path

from example_site.urls import urlpatterns as example_urlpatterns


def inline_scripts(request: HttpRequest) -> HttpResponse:
    """Render an example page with one more inline script, which carries no CSP nonce."""
    return render(request, "browser/inline_scripts.html")


urlpatterns = [
    *example_urlpatterns,
    path("test/inline-scripts/", inline_scripts, name="test-inline-scripts"),
]
