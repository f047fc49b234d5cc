"""The project's addresses plus views that fail on purpose, for testing the error pages."""

from django.core.exceptions import PermissionDenied
from django.urls import path

from ekosopimus.urls import handler404, urlpatterns


def fail(request):
    raise RuntimeError("a failure on purpose")


def refuse(request):
    raise PermissionDenied


urlpatterns = [*urlpatterns, path("test-fail/", fail), path("test-refuse/", refuse)]
__all__ = ["handler404", "urlpatterns"]
