"""Indicators, progress reports, and each agreement's rules and situation-picture figures."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ekosopimus.accounts.access import access_for, ensure
from ekosopimus.agreements.models import Agreement
from ekosopimus.agreements.selectors import agreement_get_internal
from ekosopimus.monitoring import services
from ekosopimus.monitoring.models import Category, IndicatorDefinition, ProgressReport
from ekosopimus.monitoring.situation import SituationFilter, situation_picture
from ekosopimus.portfolio.models import Project

from .common import ETAG, IF_MATCH, decimal_text, etag, if_match_version, service_call


class IndicatorSerializer(serializers.ModelSerializer):
    categories = serializers.ListField(
        child=serializers.ChoiceField(choices=Category.choices),
        read_only=True,
        help_text="The categories its values are broken down into, besides the total.",
    )

    class Meta:
        model = IndicatorDefinition
        fields = [
            "code",
            "name_fi",
            "name_sv",
            "name_en",
            "unit",
            "kind",
            "accumulation",
            "disaggregation",
            "dimension",
            "categories",
            "direction",
            "definition_note",
            "is_eu_common",
        ]


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    """The indicator catalogue: the EU common indicators and the agreements' own."""

    queryset = IndicatorDefinition.objects.order_by("code")
    serializer_class = IndicatorSerializer
    lookup_field = "code"


class ValueSerializer(serializers.Serializer):
    indicator = serializers.SlugRelatedField(
        slug_field="code", queryset=IndicatorDefinition.objects.all()
    )
    value = serializers.DecimalField(max_digits=16, decimal_places=2, required=False)
    parts = serializers.DictField(
        child=serializers.DecimalField(max_digits=16, decimal_places=2, min_value=0),
        required=False,
        help_text="Category → value, for an indicator broken down into categories "
        "(RCO01 by enterprise size: micro, small, medium, large); without a value, the total "
        "is their sum.",
    )

    def validate(self, attrs):
        if attrs.get("value") is None and not attrs.get("parts"):
            raise serializers.ValidationError(_("Give the value, or the values of its categories."))
        return attrs


class ReportSerializer(serializers.ModelSerializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all())
    values = serializers.SerializerMethodField()

    class Meta:
        model = ProgressReport
        fields = [
            "id",
            "project",
            "period_start",
            "period_end",
            "status",
            "spent",
            "narrative",
            "return_comment",
            "values",
        ]
        read_only_fields = ["status", "return_comment"]

    @extend_schema(responses=ValueSerializer(many=True))
    def get_values(self, report) -> list[dict]:
        return [
            {
                "indicator": v.indicator.code,
                "value": decimal_text(v.value),
                "parts": {p.category: decimal_text(p.value) for p in v.parts.all()},
            }
            for v in report.values.all()
        ]


class ReportCreateSerializer(serializers.ModelSerializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all())
    values = ValueSerializer(many=True, required=False)

    class Meta:
        model = ProgressReport
        fields = ["project", "period_start", "period_end", "spent", "narrative", "values"]


@extend_schema(responses=ReportSerializer)
@extend_schema_view(retrieve=extend_schema(parameters=[ETAG]))
class ReportViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Progress reports: for the agreement's readers and the project's own reporters."""

    def get_queryset(self):
        access = access_for(self.request.user)
        reports = ProgressReport.objects.select_related("project").prefetch_related(
            "values__indicator", "values__parts"
        )
        own = Project.objects.filter(access.internal_scope())
        return reports.filter(project__in=own).order_by("pk")

    def get_serializer_class(self):
        return ReportCreateSerializer if self.action == "create" else ReportSerializer

    def retrieve(self, request, *args, **kwargs):
        # The tag and the body from one read: a tag read apart could name a newer version
        # than the body shows, and a client writing from that body would undo that version.
        instance = self.get_object()
        response = Response(self.get_serializer(instance).data)
        response["ETag"] = etag(instance)
        return response

    @extend_schema(request=ReportCreateSerializer, responses={201: ReportSerializer})
    def create(self, request, *args, **kwargs):
        access = access_for(request.user)
        given = ReportCreateSerializer(data=request.data)
        # A project the user may not read is refused exactly like one that does not exist.
        given.fields["project"].queryset = Project.objects.filter(access.project_scope())
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        project = data.pop("project")
        ensure(access.edits_project(project))
        given = data.pop("values", [])
        values = {item["indicator"]: item.get("value") for item in given}
        parts = {item["indicator"]: item["parts"] for item in given if item.get("parts")}
        report = service_call(
            services.report_create,
            project=project,
            values=values,
            parts=parts,
            by=request.user,
            **data,
        )
        response = Response(ReportSerializer(report).data, status=201)
        response["ETag"] = etag(report)
        return response

    @extend_schema(request=None, responses=ReportSerializer, parameters=[IF_MATCH, ETAG])
    @action(detail=True, methods=["post"], url_path="laheta")
    def submit(self, request, pk=None):
        """Submit the report for the coordinator's approval."""
        report = self.get_object()
        ensure(access_for(request.user).edits_project(report.project))
        version = if_match_version(request, report)
        report = service_call(
            services.report_submit, report=report, by=request.user, version=version
        )
        return _report(report)

    @extend_schema(request=None, responses=ReportSerializer, parameters=[IF_MATCH, ETAG])
    @action(detail=True, methods=["post"], url_path="hyvaksy")
    def approve(self, request, pk=None):
        """Approve the submitted report as read (If-Match); it is locked from then on."""
        report = self.get_object()
        ensure(access_for(request.user).edits_portfolio(report.project.agreement_id))
        version = if_match_version(request, report)
        report = service_call(
            services.report_approve, report=report, by=request.user, version=version
        )
        return _report(report)


def _report(report: ProgressReport) -> Response:
    response = Response(ReportSerializer(report).data)
    response["ETag"] = etag(report)
    return response


def _optional(value) -> str | None:
    return None if value is None else decimal_text(value)


def _target_figures(progress) -> dict:
    """One target: where it stands, what the projects promise, and where that leads."""
    target, promise = progress.target, progress.promise
    return {
        "target": target.label,
        "goal": decimal_text(target.value),
        "deadline": progress.deadline,
        "baseline": _optional(target.baseline),
        "baseline_year": target.baseline_year,
        "milestone": _optional(target.milestone_value),
        "milestone_on": target.milestone_on,
        "value": decimal_text(progress.value),
        "level": decimal_text(progress.level),
        "share": decimal_text(progress.share),
        "projected": _optional(progress.projected),
        "promised_by_granted": decimal_text(promise.granted),
        "promised_by_proposed": decimal_text(promise.pipeline),
        "still_to_deliver": decimal_text(promise.remaining),
        "forecast_if_promises_kept": _optional(progress.forecast),
        "more_projects_needed": progress.projects_needed,
        "by_category": {
            part.category: {
                "reported": decimal_text(part.achieved),
                "promised": decimal_text(part.promised),
            }
            for part in promise.parts
        },
        "status": progress.status,
    }


FIGURES = inline_serializer(
    "Figures",
    {
        "agreement": serializers.CharField(),
        "money": serializers.DictField(child=serializers.DecimalField(16, 2)),
        "pipeline": serializers.DictField(child=serializers.IntegerField()),
        "targets": serializers.ListField(child=serializers.DictField()),
        "rules": serializers.ListField(child=serializers.DictField()),
    },
)


class SituationViewSet(viewsets.GenericViewSet):
    """Each agreement's situation-picture figures and rule status, for its readers."""

    queryset = Agreement.objects.all()
    lookup_field = "slug"
    pagination_class = None

    @extend_schema(responses=FIGURES)
    def retrieve(self, request, slug=None):
        agreement = agreement_get_internal(slug=slug, user=request.user)
        picture = situation_picture(agreement=agreement, filters=SituationFilter())
        money = picture.total
        return Response(
            {
                "agreement": agreement.slug,
                "money": {
                    "planned": decimal_text(money.planned),
                    "granted": decimal_text(money.granted),
                    "paid": decimal_text(money.paid),
                },
                "pipeline": {str(row.key): row.projects for row in picture.pipeline},
                "targets": [_target_figures(progress) for progress in picture.targets],
                "rules": [
                    {"key": rule.key, "status": rule.status, "sentence": rule.sentence}
                    for rule in picture.rules.rules
                ],
            }
        )
