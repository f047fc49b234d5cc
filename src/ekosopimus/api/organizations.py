"""The organisation register: public, as the projects' implementers are."""

from rest_framework import serializers, viewsets

from ekosopimus.organizations.models import Organization


class OrganizationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name", "name_sv", "business_id", "kind"]


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    """Organisations that implement, co-implement or fund projects."""

    queryset = Organization.objects.filter(is_sample=False).order_by("name", "pk")
    serializer_class = OrganizationSerializer
