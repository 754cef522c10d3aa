"""Issue 8, defect 11: the retention purge empties every encrypted or free-text field of every row linked to
the case (screening notes, the tip and its messages and events, share and override reasons, ...). The fields
and the linked models are read from the model metadata, so a field or model added later is covered too."""

from __future__ import annotations

import datetime
import uuid
from typing import Any

import pytest
from django.apps import apps
from django.db import models

from harbourline.accounts.models import Agency, User
from harbourline.accounts.permissions import Role
from harbourline.accounts.tests.factories import AgencyFactory, make_user
from harbourline.crypto.fields import BlindIndexField, EncryptedDateField, EncryptedTextField

from ..models import Case, Person
from ..services import case_purge
from .factories import make_case

pytestmark = pytest.mark.django_db
# Encrypted, but not a victim's personal data: an authenticator seed, and a suspect's identity, which belongs to
# the investigation (criminal-justice records, kept under their own rules) and outlives a victim's case.
NOT_CASE_DATA = {"accounts.AuthenticatorDevice", "justice.Suspect"}
SKIP_APPS = {"audit", "accounts"}


def personal_fields(model: type[models.Model]) -> list[models.Field[Any, Any]]:
    return [
        f
        for f in model._meta.concrete_fields
        if isinstance(f, EncryptedTextField | BlindIndexField)
        or (isinstance(f, models.TextField) and not f.choices)
    ]


def linked_models() -> list[tuple[type[models.Model], models.ForeignKey[Any, Any] | None]]:
    """Every model whose rows hang off a case or its person (reverse relations, depth first), with the
    foreign key that links it to its parent. Found from the metadata, independently of the purge."""
    found: list[tuple[type[models.Model], models.ForeignKey[Any, Any] | None]] = [
        (Case, None),
        (Person, None),
    ]
    seen = {Case, Person}
    i = 0
    while i < len(found):
        model = found[i][0]
        for rel in model._meta.related_objects:
            child = rel.related_model
            if child in seen or child._meta.app_label in SKIP_APPS or not (rel.one_to_many or rel.one_to_one):
                continue
            seen.add(child)
            found.append((child, rel.field))  # type: ignore[arg-type]
        i += 1
    return found


def _value_for(
    field: models.Field[Any, Any], parent: dict[type[models.Model], models.Model], user: User
) -> Any:
    if isinstance(field, models.ForeignKey):
        target = field.related_model
        if target in parent:
            return parent[target]
        if target is Agency:
            return user.agency
        if issubclass(target, User):  # type: ignore[arg-type]
            return user
        existing = target._default_manager.first()  # type: ignore[union-attr]
        assert existing is not None, f"no {target} to link a test row to"
        return existing
    if field.choices:
        return field.choices[0][0]
    if isinstance(field, models.BooleanField):
        return False
    if isinstance(field, models.DateTimeField):
        return datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
    if isinstance(field, models.DateField):
        return datetime.date(2026, 1, 1)
    if isinstance(field, models.IntegerField):
        return 1
    if isinstance(field, models.UUIDField):
        return uuid.uuid4()
    text = f"x{uuid.uuid4().hex[:8]}"
    limit = getattr(field, "max_length", None)
    return text[:limit] if limit else text  # PostgreSQL enforces a column's length (a country code: 2)


def _fill(model: type[models.Model], obj: models.Model) -> None:
    for field in personal_fields(model):
        if isinstance(field, BlindIndexField):
            continue  # computed from its source
        value = datetime.date(2000, 1, 1) if isinstance(field, EncryptedDateField) else f"Marker {field.name}"
        setattr(obj, field.attname, value)
    obj.save()


def test_the_purge_empties_every_personal_field_of_every_linked_row() -> None:
    user = make_user([Role.SUPERVISOR], agency=AgencyFactory.create())
    case = make_case(user)
    person = Person.objects.get(pk=case.person_id)
    parents: dict[type[models.Model], models.Model] = {Case: case, Person: person}
    linked = linked_models()
    labels = {m._meta.label for m, _ in linked}
    for expected in (
        "screening.IndicatorAnswer",
        "tips.Tip",
        "tips.TipMessage",
        "tips.TipEvent",
        "cases.CaseShare",
    ):
        assert expected in labels
    with_encryption = {
        m._meta.label
        for m in apps.get_models()
        if any(isinstance(f, EncryptedTextField) for f in m._meta.concrete_fields)
    }
    assert with_encryption - labels <= NOT_CASE_DATA, "a model with encrypted fields is not linked to cases"

    for model, link in linked:
        if model in (Case, Person):
            _fill(model, parents[model])
            continue
        assert link is not None
        obj = model._default_manager.filter(**{link.name: parents[link.related_model]}).first()  # type: ignore[index]
        if obj is None:
            values = {
                f.name: _value_for(f, parents, user)
                for f in model._meta.concrete_fields
                if not (
                    f.primary_key
                    or f.has_default()
                    or f.null
                    or getattr(f, "auto_now", False)
                    or getattr(f, "auto_now_add", False)
                )
            }
            values[link.name] = parents[link.related_model]  # type: ignore[index]
            obj = model(**values)
        _fill(model, obj)
        parents[model] = obj

    case_purge(actor=None, case=Case.objects.get(pk=case.pk))

    checked = 0
    for model, _link in linked:
        obj = parents[model]
        row = model._default_manager.filter(pk=obj.pk).first()
        if row is None:
            continue  # deleted by the purge: nothing left
        for field in personal_fields(model):
            assert getattr(row, field.attname) in ("", None), (
                f"{model._meta.label}.{field.name} survived the purge"
            )
            checked += 1
    assert checked >= 30
