"""Agreements with their structure: public, as the agreements themselves are."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers, viewsets

from ekosopimus.agreements.models import ActionGroup, Agreement, FocusArea, QuantitativeTarget
from ekosopimus.agreements.selectors import version_current


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
        version = version_current(agreement)
        if version is None:
            return []
        areas = version.focus_areas.prefetch_related("action_groups", "targets")
        return FocusAreaSerializer(areas, many=True).data


class AgreementViewSet(viewsets.ReadOnlyModelViewSet):
    """The agreements in the register, each with the focus areas, action groups and targets of
    its current version."""

    queryset = Agreement.objects.order_by("city_region")
    serializer_class = AgreementSerializer
    lookup_field = "slug"
