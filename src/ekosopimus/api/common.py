"""What every API view shares: errors from the services as 400 answers, contention as 503 or
409, and pagination."""

from django.core.exceptions import ValidationError
from rest_framework import views
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.pagination import PageNumberPagination

from ekosopimus.lib.contention import contention_of, contention_response, log_contention


class Pages(PageNumberPagination):
    page_size = 100
    page_size_query_param = "koko"
    max_page_size = 1000


def decimal_text(value) -> str:
    """An amount as the API writes every amount: a decimal string with two places, never a
    binary float."""
    return f"{value:.2f}"


def service_call(function, **kwargs):
    """Call a service; its ``ValidationError`` becomes a 400 answer with the same messages."""
    try:
        return function(**kwargs)
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise ApiValidationError(error.message_dict) from error
        raise ApiValidationError({"detail": error.messages}) from error


def exception_handler(error, context):
    """DRF's answers, and a write that met contention as 503 (busy, with Retry-After) or 409
    (a simultaneous write stored the same value first), logged; never a 500."""
    kind = contention_of(error)
    if kind is None:
        return views.exception_handler(error, context)
    request = context["request"]
    log_contention(kind, error, method=request.method, path=request.path, user=request.user)
    return contention_response(request, kind)
