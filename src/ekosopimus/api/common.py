"""What every API view shares: errors from the services as 400 answers, contention as 503 or
409, and pagination."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter
from rest_framework import views
from rest_framework.exceptions import APIException
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


class PreconditionRequired(APIException):
    status_code = 428
    default_detail = gettext_lazy(
        "Say which version you are changing: send the ETag you read in an If-Match header."
    )
    default_code = "precondition_required"


class PreconditionFailed(APIException):
    status_code = 412
    default_detail = gettext_lazy(
        "The object has been changed since the version you read (If-Match). Read it again "
        "and send your change with its new ETag."
    )
    default_code = "precondition_failed"


def etag(instance) -> str:
    """The entity tag of an object's stored version: its id and version, as a strong tag."""
    return f'"{instance.pk}-{instance.version}"'


def if_match_version(request, instance) -> int | None:
    """The version the client's If-Match header names for ``instance``: 428 without the
    header, 412 when it names another version or object. ``*`` asks for no comparison."""
    header = request.headers.get("If-Match", "").strip()
    if not header:
        raise PreconditionRequired()
    if header == "*":
        return None
    for tag in header.split(","):
        tag = tag.strip().removeprefix("W/").strip('"')
        pk, _dash, version = tag.rpartition("-")
        if pk == str(instance.pk) and version.isdigit() and int(version) == instance.version:
            return instance.version
    raise PreconditionFailed()


IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=True,
    description="The ETag of the version the change is based on (from a GET of the object). "
    "A change of another version is refused with 412; one without the header with 428.",
)
ETAG = OpenApiParameter(
    "ETag",
    str,
    OpenApiParameter.HEADER,
    response=True,
    description="The version of the object as stored: send it back in If-Match to change it.",
)
