"""The REST API (/api/v1/): the platform's reference data for partner systems. Apps add their endpoints."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularAPIView
from rest_framework import serializers
from rest_framework.generics import ListAPIView
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from harbourline.accounts.models import Agency
from harbourline.accounts.permissions import Perm
from harbourline.country.models import District

from .permissions import SignedInWithSecondFactor, holds


class MeSerializer(serializers.Serializer):  # type: ignore[type-arg]
    username = serializers.CharField()
    agency = serializers.CharField(allow_null=True)
    roles = serializers.ListField(child=serializers.CharField())
    permissions = serializers.ListField(child=serializers.CharField())


class AgencySerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = Agency
        fields = ["id", "name", "short_name", "agency_type", "district", "phone", "email", "services"]


class DistrictSerializer(serializers.ModelSerializer):  # type: ignore[type-arg]
    class Meta:
        model = District
        fields = ["code", "name", "population_2010"]


class MeView(APIView):
    permission_classes = [SignedInWithSecondFactor]

    @extend_schema(responses=MeSerializer)
    def get(self, request: Request) -> Response:
        user: Any = request.user
        data = {
            "username": user.username,
            "agency": user.agency.name if user.agency else None,
            "roles": user.role_codes(),
            "permissions": sorted(p.value for p in user.permissions()),
        }
        return Response(MeSerializer(data).data)


class AgencyListView(ListAPIView):  # type: ignore[type-arg]
    """The active agencies of the national referral network."""

    permission_classes = [SignedInWithSecondFactor]
    serializer_class = AgencySerializer
    queryset = Agency.objects.filter(is_active=True).order_by("name")


class DistrictListView(ListAPIView):  # type: ignore[type-arg]
    permission_classes = [SignedInWithSecondFactor]
    serializer_class = DistrictSerializer
    queryset = District.objects.filter(is_active=True).order_by("code")


class SchemaView(SpectacularAPIView):
    permission_classes = [holds(Perm.CONFIG_MANAGE, Perm.STATS_EXPORT, Perm.CASE_VIEW)]
