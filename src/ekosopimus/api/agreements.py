"""Agreements with their structure: public, as the agreements themselves are."""

from dataclasses import asdict

from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from ekosopimus.agreements.models import ActionGroup, Agreement, FocusArea, QuantitativeTarget
from ekosopimus.agreements.selectors import (
    CompareError,
    version_current,
    versions_current,
    versions_to_compare,
)
from ekosopimus.agreements.versions import versions_compare

# What the API shows of each focus area.
AREA_READS = ("action_groups", "targets")


class TargetSerializer(serializers.ModelSerializer):
    class Meta:
        model = QuantitativeTarget
        fields = ["id", "label", "value", "unit", "deadline"]


class ActionGroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionGroup
        fields = ["id", "number", "name"]


class FocusAreaSerializer(serializers.ModelSerializer):
    action_groups = ActionGroupSerializer(many=True, read_only=True)
    targets = TargetSerializer(many=True, read_only=True)

    class Meta:
        model = FocusArea
        fields = ["id", "number", "name", "action_groups", "targets"]


class AgreementSerializer(serializers.ModelSerializer):
    focus_areas = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = ["slug", "city_region", "completeness", "unverified", "focus_areas"]

    @extend_schema_field(FocusAreaSerializer(many=True))
    def get_focus_areas(self, agreement) -> list[dict]:
        versions = self.context.get("versions")
        if versions is not None:
            version = versions.get(agreement.pk)
            areas = version.focus_areas.all() if version else []
        else:
            version = version_current(agreement)
            if version is None:
                return []
            areas = version.focus_areas.prefetch_related(*AREA_READS)
        return FocusAreaSerializer(areas, many=True).data


class AgreementViewSet(viewsets.ReadOnlyModelViewSet):
    """The agreements in the register, each with the focus areas, action groups and targets of
    its current version."""

    queryset = Agreement.objects.order_by("city_region")
    serializer_class = AgreementSerializer
    lookup_field = "slug"

    def get_serializer(self, *args, **kwargs):
        # A list reads every agreement's current version and its structure in one query per
        # relation, rather than three per agreement.
        if kwargs.get("many") and args:
            agreements = list(args[0])
            versions = versions_current(
                agreements=agreements, prefetch=[f"focus_areas__{r}" for r in AREA_READS]
            )
            kwargs["context"] = {**self.get_serializer_context(), "versions": versions}
            args = (agreements, *args[1:])
        return super().get_serializer(*args, **kwargs)

    @extend_schema(
        parameters=[
            OpenApiParameter("a", int, description="The earlier version's number."),
            OpenApiParameter("b", int, description="The later version's number."),
        ],
        responses=inline_serializer(
            "VersionComparison",
            {
                "older": serializers.IntegerField(),
                "newer": serializers.IntegerField(),
                "changes": serializers.ListField(
                    child=inline_serializer(
                        "VersionChange",
                        {
                            "kind": serializers.ChoiceField(
                                choices=["added", "removed", "changed"]
                            ),
                            "element": serializers.CharField(),
                            "item": serializers.CharField(),
                            "before": serializers.CharField(),
                            "after": serializers.CharField(),
                        },
                    )
                ),
            },
        ),
    )
    @action(detail=True, url_path="vertaa", url_name="compare")
    def compare(self, request, slug=None):
        """What changed between two published versions, with values normalised so that
        nothing unchanged is reported; without ``a`` and ``b``, the version in force against
        the one before it."""
        agreement = self.get_object()
        try:
            older, newer = versions_to_compare(
                agreement=agreement, older=request.query_params.get("a"),
                newer=request.query_params.get("b"),
            )  # fmt: skip
        except CompareError as error:
            raise ValidationError({"detail": [str(error)]}) from error
        changes = versions_compare(older, newer)
        return Response(
            {
                "older": older.number,
                "newer": newer.number,
                "changes": [asdict(change) for change in changes],
            }
        )
