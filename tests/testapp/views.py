from django.http import HttpRequest, HttpResponse, JsonResponse


def ping(request: HttpRequest) -> HttpResponse:
    return HttpResponse("pong", content_type="text/plain")


def submit(request: HttpRequest) -> HttpResponse:
    """Accept a POST; CsrfViewMiddleware guards it like any form view."""
    return HttpResponse("accepted", content_type="text/plain")


def data(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"items": [1, 2, 3]})


def locked(request: HttpRequest) -> HttpResponse:
    return HttpResponse(f"locked: {request.GET.get('username', '')}", content_type="text/plain")
