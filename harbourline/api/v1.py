"""/api/v1 endpoints over cases, persons, tips, training and reference figures.

Every endpoint reads through the selectors that enforce the access policy (the actor is the signed-in user or
the integration token's service user), pages by cursor, and writes an audit row for each read."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.generics import ListAPIView
from rest_framework.pagination import CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_read
from harbourline.cases.actions import CaseAction
from harbourline.cases.codes import CaseSection
from harbourline.cases.models import Case, Person
from harbourline.cases.policy import can_read
from harbourline.cases.screening.actions import ScreeningAction
from harbourline.cases.screening.models import Screening
from harbourline.cases.selectors import case_get_for_user, cases_visible_to
from harbourline.public.tips.models import Tip
from harbourline.reference.models import ReferenceDataset
from harbourline.reference.services import reference_dataset_get, reference_figures
from harbourline.training.models import Registration, Workshop
from harbourline.training.selectors import workshops_visible_to

from .actions import ApiAction
from .models import Scope
from .permissions import holds

CASE_READERS = (Perm.CASE_VIEW, Perm.CASE_VIEW_NATIONAL)
TRAINING = (Perm.TRAINING_RUN, Perm.TRAINING_MANAGE)
STATS = (Perm.STATS_VIEW, Perm.STATS_EXPORT)


MAX_ID = 2**63 - 1


def _existing_id(value: int) -> int:
    """An id the database can hold; any other finds nothing (a 404, never an overflow)."""
    if not 0 < value <= MAX_ID:
        raise Http404("Nothing has this id.")
    return value


class ById(CursorPagination):
    ordering = "-id"
    page_size = 50


class AuditedList(ListAPIView):  # type: ignore[type-arg]
    """A list whose every page is audited (the rows returned, never their content)."""

    pagination_class = ById
    audit_action: Any = None
    audit_object_type = ""

    def audit_object_id(self) -> object:
        return ""

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        response = super().list(request, *args, **kwargs)
        audit_read(
            request,  # type: ignore[arg-type]
            action=self.audit_action,
            object_type=self.audit_object_type,
            object_id=self.audit_object_id(),
            rows=len(response.data.get("results", [])),
            via="api",
        )
        return response


# --- cases -----------------------------------------------------------------------------------------------


CASE_FACTS = [
    "intake_source",
    "intake_date",
    "district",
    "child_involved",
    "is_sexual_exploitation",
    "is_forced_labour",
    "is_forced_criminality",
    "is_forced_marriage",
    "is_organ_removal",
    "is_other_exploitation",
    "labour_industries",
    "sex_exploitation_types",
    "means_of_control",
    "recruitment_type",
    "recruiter_relation",
    "country_of_recruitment",
]
PROFILE = ["gender", "age_band", "is_minor", "nationality", "citizenship"]
IDENTITY = ["given_names", "family_name", "aliases", "date_of_birth", "document_type", "phone"]


class CaseSummarySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    owning_agency = serializers.CharField(source="owning_agency.name")

    class Meta:
        model = Case
        fields = ["id", "number", "status", "intake_date", "district", "owning_agency", "person"]


class CaseFactsSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Case
        fields = CASE_FACTS


class ProfileSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Person
        fields = PROFILE


class IdentitySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    given_names = serializers.CharField()
    family_name = serializers.CharField()
    aliases = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    phone = serializers.CharField()

    class Meta:
        model = Person
        fields = IDENTITY


class CaseDetailSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    number = serializers.CharField()
    status = serializers.CharField()
    owning_agency = serializers.CharField()
    own_agency = serializers.BooleanField(help_text="Whether your agency owns the case.")
    sections = serializers.ListField(child=serializers.CharField(), help_text="The sections you may read.")
    case = CaseFactsSerializer(required=False, help_text="Absent unless you may read the case section.")
    profile = ProfileSerializer(required=False, help_text="Absent unless you may read the case section.")
    identity = IdentitySerializer(
        required=False, help_text="Absent unless you may read the identity section."
    )


class CaseListView(AuditedList):
    """Cases whose case section you may read (own agency, shared with it, or national), newest first."""

    permission_classes = [holds(*CASE_READERS)]
    required_scope = Scope.CASES
    serializer_class = CaseSummarySerializer
    audit_action = CaseAction.CASE_LISTED
    audit_object_type = "case"

    def get_queryset(self) -> Any:
        return cases_visible_to(self.request.user, CaseSection.CASE).select_related("owning_agency")  # type: ignore[arg-type]


class CaseDetailView(APIView):
    permission_classes = [holds(*CASE_READERS)]
    required_scope = Scope.CASES

    @extend_schema(responses=CaseDetailSerializer)
    def get(self, request: Request, case_id: int) -> Response:
        user: Any = request.user
        case = case_get_for_user(user, _existing_id(case_id))
        readable = sorted(case.visible_sections)  # type: ignore[attr-defined]
        data: dict[str, Any] = {
            "id": case.pk,
            "number": case.number,
            "status": case.status,
            "owning_agency": case.owning_agency.name,
            "own_agency": case.access.owner,  # type: ignore[attr-defined]
            "sections": readable,
        }
        if CaseSection.CASE in readable:
            data["case"] = CaseFactsSerializer(case).data
            data["profile"] = ProfileSerializer(case.person).data
        audit_read(request, action=CaseAction.CASE_VIEWED, object_type="case", object_id=case.pk, via="api")  # type: ignore[arg-type]
        if CaseSection.IDENTITY in readable:
            data["identity"] = IdentitySerializer(case.person).data
            audit_read(
                request, action=CaseAction.IDENTITY_VIEWED, object_type="case", object_id=case.pk, via="api"
            )  # type: ignore[arg-type]
        return Response(data)


class PersonSerializer(serializers.Serializer):  # type: ignore[type-arg]
    id = serializers.IntegerField()
    cases = serializers.ListField(
        child=serializers.IntegerField(), help_text="The person's cases you may see."
    )
    profile = ProfileSerializer(required=False, help_text="Absent unless you may read a case section.")
    identity = IdentitySerializer(required=False, help_text="Absent unless you may read an identity section.")


class PersonDetailView(APIView):
    """A person, through the cases of theirs you may see: identity only where the policy lets you read the
    identity section of one of them."""

    permission_classes = [holds(*CASE_READERS)]
    required_scope = Scope.CASES

    @extend_schema(responses=PersonSerializer)
    def get(self, request: Request, person_id: int) -> Response:
        user: Any = request.user
        cases = list(
            cases_visible_to(user)
            .filter(person_id=_existing_id(person_id))
            .select_related("person", "owning_agency")
        )
        if not cases:
            raise Http404("No such person, or none of their cases is open to you.")
        person = cases[0].person
        data: dict[str, Any] = {"id": person.pk, "cases": sorted(c.pk for c in cases)}
        if any(can_read(user, c, CaseSection.CASE) for c in cases):
            data["profile"] = ProfileSerializer(person).data
        identity_case = next((c for c in cases if can_read(user, c, CaseSection.IDENTITY)), None)
        audit_read(request, action=ApiAction.PERSON_VIEWED, object_type="person", object_id=person.pk)  # type: ignore[arg-type]
        if identity_case is not None:
            data["identity"] = IdentitySerializer(person).data
            audit_read(
                request,  # type: ignore[arg-type]
                action=CaseAction.IDENTITY_VIEWED,
                object_type="case",
                object_id=identity_case.pk,
                via="api",
            )
        return Response(data)


class ScreeningSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    instrument = serializers.CharField(source="instrument.code", default=None)

    class Meta:
        model = Screening
        fields = [
            "id",
            "instrument",
            "interviewed_on",
            "status",
            "age_at_exploitation",
            "acts",
            "outcome",
            "suggested_victim",
            "completed_at",
        ]


class ScreeningListView(AuditedList):
    """The screenings of a case whose screening section you may read."""

    permission_classes = [holds(*CASE_READERS)]
    required_scope = Scope.CASES
    serializer_class = ScreeningSerializer
    audit_action = ScreeningAction.SCREENING_VIEWED
    audit_object_type = "case"

    def audit_object_id(self) -> object:
        return self.kwargs["case_id"]

    def get_queryset(self) -> Any:
        user: Any = self.request.user
        case = case_get_for_user(user, _existing_id(self.kwargs["case_id"]), section=CaseSection.SCREENING)
        return Screening.objects.filter(case=case).select_related("instrument")


# --- tips ------------------------------------------------------------------------------------------------


class TipSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Tip
        fields = [
            "id",
            "reference",
            "received_at",
            "status",
            "urgent",
            "channel",
            "district",
            "sector",
            "danger_now",
            "child_involved",
            "heard_via",
        ]


class TipListView(AuditedList):
    """The tips, newest first, for triage."""

    permission_classes = [holds(Perm.TIP_TRIAGE)]
    required_scope = Scope.TIPS
    serializer_class = TipSerializer
    audit_action = ApiAction.TIPS_LISTED
    audit_object_type = "tip"

    def get_queryset(self) -> Any:
        return Tip.objects.all()


# --- training --------------------------------------------------------------------------------------------


class WorkshopSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Workshop
        fields = [
            "id",
            "title",
            "workshop_type",
            "language",
            "venue",
            "district",
            "start_date",
            "end_date",
            "status",
        ]


class ParticipantSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    first_name = serializers.CharField(source="participant.first_name")
    last_name = serializers.CharField(source="participant.last_name")
    sex = serializers.CharField(source="participant.sex")
    agency = serializers.CharField(source="participant.agency.name", allow_null=True, default=None)

    class Meta:
        model = Registration
        fields = ["id", "number", "status", "first_name", "last_name", "sex", "agency"]


class WorkshopListView(AuditedList):
    """Workshops you may see: every one for the training focal point, your own for a trainer."""

    permission_classes = [holds(*TRAINING)]
    required_scope = Scope.TRAINING
    serializer_class = WorkshopSerializer
    audit_action = ApiAction.WORKSHOPS_LISTED
    audit_object_type = "workshop"

    def get_queryset(self) -> Any:
        return workshops_visible_to(self.request.user)  # type: ignore[arg-type]


class ParticipantListView(AuditedList):
    """The participants registered in a workshop you may see."""

    permission_classes = [holds(*TRAINING)]
    required_scope = Scope.TRAINING
    serializer_class = ParticipantSerializer
    audit_action = ApiAction.PARTICIPANTS_LISTED
    audit_object_type = "workshop"

    def audit_object_id(self) -> object:
        return self.kwargs["workshop_id"]

    def get_queryset(self) -> Any:
        user: Any = self.request.user
        workshop = workshops_visible_to(user).filter(pk=_existing_id(self.kwargs["workshop_id"])).first()
        if workshop is None:
            raise Http404("No such workshop, or it is not open to you.")
        return Registration.objects.filter(workshop=workshop).select_related("participant__agency")


# --- reference figures -----------------------------------------------------------------------------------


class ReferenceDatasetSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    columns = serializers.ListField(child=serializers.CharField())

    class Meta:
        model = ReferenceDataset
        fields = ["id", "name", "source_file", "columns", "row_count", "imported_at"]


class ReferenceDatasetListView(AuditedList):
    """Public reference data sets (CTDC) loaded for comparison."""

    permission_classes = [holds(*STATS)]
    required_scope = Scope.REFERENCE
    serializer_class = ReferenceDatasetSerializer
    audit_action = ApiAction.REFERENCE_FIGURES_VIEWED
    audit_object_type = "reference_dataset"
    queryset = ReferenceDataset.objects.all()


class ReferenceFiguresView(APIView):
    permission_classes = [holds(*STATS)]
    required_scope = Scope.REFERENCE

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "by", OpenApiTypes.STR, many=True, required=True, description="A column; repeat."
            )
        ],
        responses={200: {"type": "array", "items": {"type": "object", "additionalProperties": True}}},
    )
    def get(self, request: Request, name: str) -> Response:
        by = request.query_params.getlist("by")
        try:
            dataset = reference_dataset_get(name)
        except ValidationError as error:
            raise Http404(" ".join(error.messages)) from error
        try:
            figures = reference_figures(dataset, by)
        except ValidationError as error:
            raise ApiValidationError({"by": error.messages}) from error
        audit_read(
            request,  # type: ignore[arg-type]
            action=ApiAction.REFERENCE_FIGURES_VIEWED,
            object_type="reference_dataset",
            object_id=dataset.pk,
            by=by,
        )
        return Response(figures)
