"""Referrals in the REST API (/api/v1/referrals/), scoped exactly like the pages: the same selectors and
services, session authentication with the second factor."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound
from rest_framework.exceptions import ValidationError as DRFValidationError
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from harbourline.accounts.models import Agency
from harbourline.accounts.permissions import Perm
from harbourline.api.permissions import holds
from harbourline.cases.codes import CaseSection
from harbourline.cases.models import PlanItem
from harbourline.cases.policy import CaseNotFound, Refused
from harbourline.cases.selectors import case_get_for_user
from harbourline.cases.services import refusal_record

from . import selectors, services
from .models import Referral, ServiceEntry, Urgency

T = TypeVar("T")


class ReferralSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    case_number = serializers.CharField(source="case.number", read_only=True)
    overdue = serializers.BooleanField(read_only=True)
    services: serializers.PrimaryKeyRelatedField[ServiceEntry] = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True
    )
    categories = serializers.ListField(child=serializers.CharField(), read_only=True)
    sections = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = Referral
        fields = [
            "id",
            "case",
            "case_number",
            "from_agency",
            "to_agency",
            "services",
            "categories",
            "sections",
            "urgency",
            "status",
            "sent_at",
            "due_at",
            "overdue",
            "answered_at",
            "ended_at",
        ]
        read_only_fields = fields


class ReferralCreateSerializer(serializers.Serializer):  # type: ignore[type-arg]
    case = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    to_agency = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    services = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1), min_length=1, max_length=20
    )
    sections = serializers.ListField(
        child=serializers.ChoiceField(choices=[c.value for c in CaseSection]), required=False, max_length=10
    )
    urgency = serializers.ChoiceField(choices=Urgency.values, default=Urgency.ROUTINE)
    plan_item = serializers.IntegerField(min_value=1, max_value=2**31 - 1, required=False, allow_null=True)
    message = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    override_reason = serializers.CharField(required=False, allow_blank=True, max_length=1000)


class ReasonSerializer(serializers.Serializer):  # type: ignore[type-arg]
    reason = serializers.CharField(max_length=1000)


class OutcomeSerializer(serializers.Serializer):  # type: ignore[type-arg]
    outcome = serializers.CharField(max_length=5000)


def _run(request: Request, call: Callable[[], T]) -> T:
    """Run a selector or service: refusals answer 404 / 403 (audited once), bad input 400."""
    try:
        return call()
    except (CaseNotFound, Refused) as refusal:
        refusal_record(actor=request.user, refusal=refusal)  # type: ignore[arg-type]
        if isinstance(refusal, CaseNotFound):
            raise NotFound("Not found.") from None
        raise
    except DjangoValidationError as exc:
        detail: Any = exc.message_dict if hasattr(exc, "error_dict") else exc.messages
        raise DRFValidationError(detail) from None


CASEWORK = holds(Perm.CASE_VIEW)


class ReferralListView(APIView):
    permission_classes = [CASEWORK]

    @extend_schema(responses=ReferralSerializer(many=True))
    def get(self, request: Request) -> Response:
        """Referrals sent by your agency (cases it owns) and active referrals sent to it."""
        user: Any = request.user
        rows = (
            Referral.objects.filter(selectors.referrals_visible_q(user))
            .select_related("case")
            .prefetch_related("services")
            .order_by("-sent_at", "-pk")[:200]
        )
        return Response(ReferralSerializer(rows, many=True).data)

    @extend_schema(request=ReferralCreateSerializer, responses={201: ReferralSerializer})
    def post(self, request: Request) -> Response:
        user: Any = request.user
        data = ReferralCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        v = data.validated_data
        case = _run(request, lambda: case_get_for_user(user, v["case"]))
        agency = Agency.objects.filter(pk=v["to_agency"], is_active=True).first()
        if agency is None:
            raise DRFValidationError({"to_agency": ["No such agency."]})
        chosen = list(ServiceEntry.objects.filter(pk__in=v["services"]))
        if len(chosen) != len(set(v["services"])):
            raise DRFValidationError({"services": ["No such service."]})
        item = None
        if v.get("plan_item"):
            item = PlanItem.objects.filter(pk=v["plan_item"], case=case).first()
            if item is None:
                raise DRFValidationError({"plan_item": ["This item is not in the case plan."]})
        referral = _run(
            request,
            lambda: services.referral_send(
                actor=user,
                case=case,
                to_agency=agency,
                services=chosen,
                sections=v.get("sections"),
                urgency=v["urgency"],
                plan_item=item,
                message=v.get("message", ""),
                override_reason=v.get("override_reason", ""),
            ),
        )
        return Response(ReferralSerializer(referral).data, status=status.HTTP_201_CREATED)


class ReferralDetailView(APIView):
    permission_classes = [CASEWORK]

    @extend_schema(responses=ReferralSerializer)
    def get(self, request: Request, referral_id: int) -> Response:
        referral = _run(request, lambda: selectors.referral_for_user(request.user, referral_id))  # type: ignore[arg-type]
        return Response(ReferralSerializer(referral).data)


class _Action(APIView):
    permission_classes = [CASEWORK]

    def _referral(self, request: Request, referral_id: int) -> Referral:
        return _run(request, lambda: selectors.referral_for_user(request.user, referral_id))  # type: ignore[arg-type]


class ReferralAcceptView(_Action):
    @extend_schema(request=None, responses=ReferralSerializer)
    def post(self, request: Request, referral_id: int) -> Response:
        referral = self._referral(request, referral_id)
        done = _run(request, lambda: services.referral_accept(actor=request.user, referral=referral))  # type: ignore[arg-type]
        return Response(ReferralSerializer(done).data)


class ReferralDeclineView(_Action):
    @extend_schema(request=ReasonSerializer, responses=ReferralSerializer)
    def post(self, request: Request, referral_id: int) -> Response:
        data = ReasonSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        referral = self._referral(request, referral_id)
        done = _run(
            request,
            lambda: services.referral_decline(
                actor=request.user,  # type: ignore[arg-type]
                referral=referral,
                reason=data.validated_data["reason"],
            ),
        )
        return Response(ReferralSerializer(done).data)


class ReferralCompleteView(_Action):
    @extend_schema(request=OutcomeSerializer, responses=ReferralSerializer)
    def post(self, request: Request, referral_id: int) -> Response:
        data = OutcomeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        referral = self._referral(request, referral_id)
        done = _run(
            request,
            lambda: services.referral_complete(
                actor=request.user,  # type: ignore[arg-type]
                referral=referral,
                outcome=data.validated_data["outcome"],
            ),
        )
        return Response(ReferralSerializer(done).data)
