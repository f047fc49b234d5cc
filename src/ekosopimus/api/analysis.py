"""Similar projects: the same search as the page and the command line."""

from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.decorators import api_view, permission_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from ekosopimus.agreements.selectors import agreement_get
from ekosopimus.analysis.forms import MAX_TEXT
from ekosopimus.analysis.similar import Draft, MatchGroup, similar_projects


class SimilarQuery(serializers.Serializer):
    teksti = serializers.CharField(max_length=MAX_TEXT)
    sopimus = serializers.SlugField(required=False)
    raja = serializers.IntegerField(min_value=1, max_value=50, default=10)


MATCHES = inline_serializer(
    "SimilarProject",
    {
        "id": serializers.IntegerField(),
        "code": serializers.CharField(),
        "name": serializers.CharField(),
        "agreement": serializers.SlugField(),
        "programme_period": serializers.CharField(),
        "status": serializers.CharField(),
        "group": serializers.ChoiceField(choices=MatchGroup.values),
        "score": serializers.FloatField(),
        "likely_overlap": serializers.BooleanField(),
        "shared_terms": serializers.ListField(child=serializers.CharField()),
        "shared_organizations": serializers.ListField(child=serializers.CharField()),
        "period_overlap": serializers.ListField(child=serializers.DateField(), allow_null=True),
        "same_action_group": serializers.BooleanField(),
        "same_measure": serializers.BooleanField(),
        "url": serializers.CharField(),
    },
    many=True,
)


@extend_schema(
    parameters=[
        OpenApiParameter("teksti", str, required=True, description="A project idea."),
        OpenApiParameter("sopimus", str, description="Matches in this agreement come first."),
        OpenApiParameter("raja", int, description="At most this many per group (1–50)."),
    ],
    responses={200: MATCHES},
)
@api_view(["GET"])
@permission_classes([IsAuthenticated])
def similar(request):
    """The projects most like a text that the user may read, by group (same agreement,
    other agreements, earlier programme periods), each with its score and why it matched."""
    query = SimilarQuery(data=request.query_params)
    query.is_valid(raise_exception=True)
    agreement = None
    if query.validated_data.get("sopimus"):
        try:
            agreement = agreement_get(slug=query.validated_data["sopimus"])
        except Http404:
            message = _("No agreement with the short name “%(slug)s”.") % {
                "slug": query.validated_data["sopimus"]
            }
            raise serializers.ValidationError({"sopimus": [message]}) from None
    matches = similar_projects(
        draft=Draft(text=query.validated_data["teksti"], agreement=agreement),
        user=request.user,
        limit=query.validated_data["raja"],
    )
    return Response([m.as_data() for group in matches.groups.values() for m in group])
