"""Change requests of granted projects, through the same services as the pages."""

from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ekosopimus.accounts.access import access_for, ensure
from ekosopimus.agreements.models import Instrument
from ekosopimus.monitoring.models import IndicatorDefinition
from ekosopimus.organizations.models import Organization
from ekosopimus.portfolio import services
from ekosopimus.portfolio.changes import ProjectChange, ProjectState, differences
from ekosopimus.portfolio.models import (
    ChangeRequest,
    FundingSource,
    Project,
    SteeringGroupMeeting,
)

from .common import service_call


class ChangeDifferenceSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="e.g. end_date, granted:eu_state:ERDF, target:RCO01")
    label = serializers.CharField()
    granted = serializers.CharField(help_text="As granted, written as the pages write it.")
    requested = serializers.CharField(help_text="As requested, written as the pages write it.")


class ChangeRequestSerializer(serializers.ModelSerializer):
    differences = serializers.SerializerMethodField()

    class Meta:
        model = ChangeRequest
        fields = [
            "id",
            "project",
            "status",
            "justification",
            "submitted_at",
            "granted_state",
            "requested_state",
            "differences",
            "statement",
            "statement_text",
            "statement_on",
            "statement_meeting",
            "decided_on",
            "decision_number",
            "decision_rationale",
        ]
        read_only_fields = fields

    @extend_schema_field(ChangeDifferenceSerializer(many=True))
    def get_differences(self, request) -> list[dict]:
        before = ProjectState.from_json(request.granted_state)
        after = ProjectState.from_json(request.requested_state)
        return [ChangeDifferenceSerializer(d).data for d in differences(before, after)]


class ChangeGrantedLineSerializer(serializers.Serializer):
    source = serializers.ChoiceField(choices=FundingSource.choices)
    instrument = serializers.ChoiceField(
        choices=Instrument.choices, required=False, allow_blank=True, default=""
    )
    granted = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=0)


class ChangeTargetSerializer(serializers.Serializer):
    indicator = serializers.SlugRelatedField(
        slug_field="code", queryset=IndicatorDefinition.objects.all()
    )
    final_value = serializers.DecimalField(max_digits=16, decimal_places=2, min_value=0)


class ProjectChangeSerializer(serializers.Serializer):
    """What is asked; a part left out stays as granted."""

    start_date = serializers.DateField(required=False)
    end_date = serializers.DateField(required=False)
    lead_implementer = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), required=False
    )
    co_implementers = serializers.PrimaryKeyRelatedField(
        queryset=Organization.objects.all(), many=True, required=False
    )
    granted = ChangeGrantedLineSerializer(many=True, required=False)
    targets = ChangeTargetSerializer(many=True, required=False)


class ChangeRequestCreateSerializer(serializers.Serializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all())
    justification = serializers.CharField(max_length=10000)
    change = ProjectChangeSerializer()


class ChangeStatementSerializer(serializers.Serializer):
    supports = serializers.BooleanField()
    given_on = serializers.DateField()
    text = serializers.CharField(required=False, allow_blank=True, default="", max_length=10000)
    meeting = serializers.PrimaryKeyRelatedField(
        queryset=SteeringGroupMeeting.objects.all(), required=False, allow_null=True, default=None
    )


class ChangeDecisionSerializer(serializers.Serializer):
    approved = serializers.BooleanField()
    decided_on = serializers.DateField()
    decision_number = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=100
    )
    rationale = serializers.CharField(
        required=False, allow_blank=True, default="", max_length=10000
    )


@extend_schema(responses=ChangeRequestSerializer)
class ChangeRequestViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Granted projects' change requests: for the agreement's readers and the project's own
    reporters. The funding authority's decision makes an approved change to the project."""

    serializer_class = ChangeRequestSerializer

    def get_queryset(self):
        own = Project.objects.filter(access_for(self.request.user).internal_scope())
        return (
            ChangeRequest.objects.filter(project__in=own)
            .select_related("project__agreement")
            .order_by("pk")
        )

    @extend_schema(request=ChangeRequestCreateSerializer, responses={201: ChangeRequestSerializer})
    def create(self, request, *args, **kwargs):
        access = access_for(request.user)
        given = ChangeRequestCreateSerializer(data=request.data)
        # A project the user may not read is refused exactly like one that does not exist.
        given.fields["project"].queryset = Project.objects.filter(access.project_scope())
        given.is_valid(raise_exception=True)
        project = given.validated_data["project"]
        ensure(access.edits_project(project))
        change = given.validated_data["change"]
        created = service_call(
            services.change_request_submit,
            project=project,
            change=ProjectChange(
                start_date=change.get("start_date"),
                end_date=change.get("end_date"),
                lead_implementer=change.get("lead_implementer"),
                co_implementers=change.get("co_implementers"),
                granted={
                    (line["source"], line["instrument"]): line["granted"]
                    for line in change.get("granted", [])
                },
                targets={t["indicator"].code: t["final_value"] for t in change.get("targets", [])},
            ),
            justification=given.validated_data["justification"],
            by=request.user,
        )
        return Response(ChangeRequestSerializer(created).data, status=status.HTTP_201_CREATED)

    def _step(self, request, *, allowed, given: serializers.Serializer, service, narrow=None):
        """One step of a request's way: allowed to the user, its input valid (``narrow``
        fits the serializer to the request first), then the service's."""
        change_request = self.get_object()
        ensure(allowed(access_for(request.user), change_request.project))
        if narrow is not None:
            narrow(given, change_request)
        given.is_valid(raise_exception=True)
        done = service_call(
            service, change_request=change_request, by=request.user, **given.validated_data
        )
        return Response(ChangeRequestSerializer(done).data)

    @extend_schema(request=ChangeStatementSerializer, responses=ChangeRequestSerializer)
    @action(detail=True, methods=["post"], url_path="lausunto")
    def statement(self, request, pk=None):
        """Record the steering group's statement, where the agreement's practice needs one."""

        def own_meetings(given, change_request):
            # Only the agreement's own meetings; another agreement's is refused as unknown.
            given.fields["meeting"].queryset = SteeringGroupMeeting.objects.filter(
                agreement_id=change_request.project.agreement_id
            )

        return self._step(
            request,
            allowed=lambda access, project: access.decides(project.agreement_id),
            given=ChangeStatementSerializer(data=request.data),
            service=services.change_request_statement_record,
            narrow=own_meetings,
        )

    @extend_schema(request=ChangeDecisionSerializer, responses=ChangeRequestSerializer)
    @action(detail=True, methods=["post"], url_path="paatos")
    def decide(self, request, pk=None):
        """Record the funding authority's decision; an approved change is made at once."""
        return self._step(
            request,
            allowed=lambda access, project: access.edits_portfolio(project.agreement_id),
            given=ChangeDecisionSerializer(data=request.data),
            service=services.change_request_decide,
        )

    @extend_schema(request=None, responses=ChangeRequestSerializer)
    @action(detail=True, methods=["post"], url_path="peru")
    def withdraw(self, request, pk=None):
        """Withdraw a request that still waits."""
        change_request = self.get_object()
        ensure(access_for(request.user).edits_project(change_request.project))
        done = service_call(
            services.change_request_withdraw, change_request=change_request, by=request.user
        )
        return Response(ChangeRequestSerializer(done).data)
