"""Projects: read as far as the user's roles allow, written through the portfolio services."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ekosopimus.accounts.access import access_for, ensure
from ekosopimus.agreements.models import ActionGroup, Agreement, FocusArea, Instrument
from ekosopimus.organizations.models import Organization
from ekosopimus.portfolio import services
from ekosopimus.portfolio.models import Decision, Project, ProjectStatus, SteeringGroupMeeting
from ekosopimus.portfolio.selectors import PortfolioFilter

from .common import ETAG, IF_MATCH, etag, if_match_version, service_call


class ProjectSerializer(serializers.ModelSerializer):
    agreement = serializers.SlugRelatedField(slug_field="slug", queryset=Agreement.objects.all())
    lead_implementer = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), allow_null=True, required=False
    )
    focus_areas = serializers.PrimaryKeyRelatedField(
        queryset=FocusArea.objects.all(), many=True, required=False
    )
    action_group = serializers.PrimaryKeyRelatedField(
        queryset=ActionGroup.objects.all(), allow_null=True, required=False
    )
    status = serializers.ChoiceField(choices=ProjectStatus.choices, read_only=True)

    class Meta:
        model = Project
        fields = [
            "id",
            "agreement",
            "code",
            "name",
            "summary",
            "status",
            "lead_implementer",
            "focus_areas",
            "action_group",
            "start_date",
            "end_date",
            "is_sample",
        ]
        read_only_fields = ["is_sample"]


class ProjectUpdateSerializer(serializers.ModelSerializer):
    lead_implementer = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Project
        fields = ["code", "name", "summary", "lead_implementer", "start_date", "end_date"]
        extra_kwargs = {name: {"required": False} for name in fields}


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "body", "outcome", "decided_on", "meeting", "rationale", "amount"]
        read_only_fields = ["body", "decided_on", "amount"]


class SteeringDecisionSerializer(serializers.Serializer):
    meeting = serializers.PrimaryKeyRelatedField(queryset=SteeringGroupMeeting.objects.all())
    outcome = serializers.ChoiceField(choices=[o.value for o in Decision.STEERING_OUTCOMES])
    rationale = serializers.CharField(required=False, allow_blank=True, default="")


class FundingDecisionSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[o.value for o in Decision.FUNDING_OUTCOMES])
    decided_on = serializers.DateField()
    amount = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    decision_number = serializers.CharField(max_length=100, required=False, default="")
    rationale = serializers.CharField(required=False, allow_blank=True, default="")
    instrument = serializers.ChoiceField(
        choices=Instrument.values, required=False, allow_blank=True, default=""
    )


@extend_schema_view(
    retrieve=extend_schema(parameters=[ETAG]),
    partial_update=extend_schema(parameters=[IF_MATCH, ETAG]),
)
@extend_schema(
    parameters=[
        OpenApiParameter("sopimus", str, description="the agreement's slug"),
        OpenApiParameter("tila", str, enum=ProjectStatus.values, description="lifecycle status"),
        OpenApiParameter("haku", str, description="words in the name or code"),
        OpenApiParameter("painopiste", int, description="a focus area's id"),
        OpenApiParameter("linkittamattomat", str, enum=["1"], description="only unlinked"),
    ]
)
class ProjectViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Projects the user may read: the public sees projects once funding is granted."""

    serializer_class = ProjectSerializer
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        projects = (
            Project.objects.filter(access_for(self.request.user).project_scope())
            .select_related("agreement")
            .prefetch_related("focus_areas")
            .order_by("pk")
        )
        query = self.request.query_params
        if query.get("sopimus"):
            projects = projects.filter(agreement__slug=query["sopimus"])
        # The same filters, by the same names, as the portfolio page. Neither they nor the
        # role's scope repeat a project (the scope reads co-implementers in a subquery; a
        # project links to a focus area once), so no DISTINCT, which made counting a
        # 100,000-project agreement's pages take a third of a second.
        return PortfolioFilter.from_query(query).apply(projects)

    def get_serializer_class(self):
        if self.action == "partial_update":
            return ProjectUpdateSerializer
        return ProjectSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        agreement = data.pop("agreement")
        ensure(access_for(self.request.user).edits_portfolio(agreement.pk))
        serializer.instance = service_call(
            services.project_create, agreement=agreement, by=self.request.user, **data
        )

    def retrieve(self, request, *args, **kwargs):
        # The tag and the body from one read: a tag read apart could name a newer version
        # than the body shows, and a client writing from that body would undo that version.
        instance = self.get_object()
        response = Response(self.get_serializer(instance).data)
        response["ETag"] = etag(instance)
        return response

    def update(self, request, *args, **kwargs):
        kwargs["partial"] = True
        response = super().update(request, *args, **kwargs)
        response["ETag"] = etag(self._saved)
        return response

    def perform_update(self, serializer):
        project = serializer.instance
        ensure(access_for(self.request.user).edits_project(project))
        version = if_match_version(self.request, project)
        serializer.instance = self._saved = service_call(
            services.project_update,
            project=project,
            by=self.request.user,
            version=version,
            **serializer.validated_data,
        )

    @extend_schema(
        request=SteeringDecisionSerializer,
        responses={201: DecisionSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"], url_path="paatokset")
    def decide(self, request, pk=None):
        """Record the steering group's decision on a proposed project."""
        project = self.get_object()
        ensure(access_for(request.user).decides(project.agreement_id))
        version = if_match_version(request, project)
        given = SteeringDecisionSerializer(data=request.data)
        # Only the agreement's own meetings; another agreement's is refused as unknown.
        given.fields["meeting"].queryset = SteeringGroupMeeting.objects.filter(
            agreement=project.agreement
        )
        given.is_valid(raise_exception=True)
        decision = service_call(
            services.steering_decision_record,
            project=project,
            meeting=given.validated_data["meeting"],
            outcome=given.validated_data["outcome"],
            rationale=given.validated_data["rationale"],
            version=version,
            by=request.user,
        )
        return _decided(decision)

    @extend_schema(
        request=FundingDecisionSerializer,
        responses={201: DecisionSerializer},
        parameters=[IF_MATCH, ETAG],
    )
    @action(detail=True, methods=["post"], url_path="rahoituspaatos")
    def fund(self, request, pk=None):
        """Record the funding authority's decision on a project proposed for funding."""
        project = self.get_object()
        ensure(access_for(request.user).edits_portfolio(project.agreement_id))
        version = if_match_version(request, project)
        given = FundingDecisionSerializer(data=request.data)
        given.is_valid(raise_exception=True)
        decision = service_call(
            services.funding_decision_record,
            project=project,
            by=request.user,
            version=version,
            **given.validated_data,
        )
        return _decided(decision)


def _decided(decision: Decision) -> Response:
    """A recorded decision, with the new ETag of its project (the decision changed it)."""
    response = Response(DecisionSerializer(decision).data, status=status.HTTP_201_CREATED)
    response["ETag"] = etag(decision.project)
    return response
