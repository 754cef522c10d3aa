from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from harbourline.accounts.models import User
from harbourline.audit.services import audit_record
from harbourline.core.guards import checked
from harbourline.country.selectors import district_name

from ..actions import TrainingAction
from ..models import (
    Certificate,
    CertificateStatus,
    Registration,
    RegistrationStatus,
    TrainerProfile,
    Workshop,
)
from ..selectors import workshop_progress
from . import rules
from .workshops import CODE_ALPHABET


def new_certificate_code() -> str:
    while True:
        raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(10))
        code = f"{raw[:5]}-{raw[5:]}"
        if not Certificate.objects.filter(code=code).exists():
            return code


def _snapshot(registration: Registration, actor: User | None) -> Certificate:
    workshop = registration.workshop
    return Certificate(
        registration=registration,
        code=new_certificate_code(),
        issued_by=actor,
        participant_name=registration.participant.full_name,
        workshop_title=workshop.title,
        dates_text=workshop.dates_text(),
        modules_text="\n".join(m.title for m in workshop.modules.order_by("order", "title")),
        venue_text=f"{workshop.venue}, {district_name(workshop.district)}",
    )


@checked(rules.runs_workshop)
@transaction.atomic
def certificates_issue(*, actor: User | None, workshop: Workshop) -> list[Certificate]:
    """Issue a certificate to everyone who earned one and has no certificate yet.

    A registration whose certificate was revoked is left alone: the revocation stands until someone reissues
    that one certificate explicitly, with a reason (``certificate_reissue``).
    """
    issued = []
    has_valid = set(
        Certificate.objects.filter(
            registration__workshop=workshop,
            status__in=[CertificateStatus.VALID, CertificateStatus.REVOKED],
        ).values_list("registration_id", flat=True)
    )
    for row in workshop_progress(workshop):
        reg = row.registration
        if row.missing or reg.pk in has_valid:
            continue
        cert = _snapshot(reg, actor)
        cert.save()
        if reg.status != RegistrationStatus.COMPLETED:
            reg.status = RegistrationStatus.COMPLETED
            reg.save(update_fields=["status"])
        audit_record(
            actor=actor,
            action=TrainingAction.CERTIFICATE_ISSUED,
            object_type="training.certificate",
            object_id=cert.pk,
            details={"code": cert.code, "workshop": workshop.pk, "registration": reg.pk},
        )
        issued.append(cert)
    return issued


@checked(rules.runs_workshop)
@transaction.atomic
def certificate_reissue(*, actor: User | None, certificate: Certificate, reason: str) -> Certificate:
    """A new certificate with a new code, in place of this one, for the reason given.

    A valid certificate (a corrected name, say) becomes 'superseded'. A revoked one stays revoked, with a
    pointer to the new one: this is the only way a revoked certificate is issued again.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why the certificate is issued again."})
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.replaced_by_id is not None:
        raise ValidationError("This certificate was already reissued; reissue the newest one instead.")
    if certificate.status not in (CertificateStatus.VALID, CertificateStatus.REVOKED):
        raise ValidationError("Only a valid or a revoked certificate can be reissued.")
    new = _snapshot(certificate.registration, actor)
    new.reissue_reason = reason[:300]
    new.save()
    if certificate.status == CertificateStatus.VALID:
        certificate.status = CertificateStatus.SUPERSEDED
    certificate.replaced_by = new
    certificate.save(update_fields=["status", "replaced_by"])
    audit_record(
        actor=actor,
        action=TrainingAction.CERTIFICATE_REISSUED,
        object_type="training.certificate",
        object_id=new.pk,
        details={"code": new.code, "replaces": certificate.code, "reason": new.reissue_reason},
    )
    return new


@checked(rules.runs_workshop)
@transaction.atomic
def certificate_revoke(*, actor: User | None, certificate: Certificate, reason: str) -> Certificate:
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": "Say why the certificate is revoked."})
    if certificate.status != CertificateStatus.VALID:
        raise ValidationError("Only a valid certificate can be revoked.")
    certificate.status = CertificateStatus.REVOKED
    certificate.revoked_reason = reason[:300]
    certificate.revoked_at = timezone.now()
    certificate.save(update_fields=["status", "revoked_reason", "revoked_at"])
    audit_record(
        actor=actor,
        action=TrainingAction.CERTIFICATE_REVOKED,
        object_type="training.certificate",
        object_id=certificate.pk,
        details={"code": certificate.code},
    )
    return certificate


@checked(rules.manages)
@transaction.atomic
def trainer_set_status(
    *, actor: User | None, user: User, status: str, specialities: str = ""
) -> TrainerProfile:
    profile, _ = TrainerProfile.objects.get_or_create(user=user)
    before = profile.status
    profile.status = status
    profile.specialities = specialities
    profile.full_clean()
    profile.save()
    audit_record(
        actor=actor,
        action=TrainingAction.TRAINER_STATUS_CHANGED,
        object_type="accounts.user",
        object_id=user.pk,
        details={"from": before, "to": status},
    )
    return profile
