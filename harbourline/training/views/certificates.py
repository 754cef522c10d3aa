from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from harbourline.accounts.decorators import public, require_perm
from harbourline.audit.services import audit_read
from harbourline.core.http import as_download

from .. import services
from ..actions import TrainingAction
from ..certificate_pdf import certificate_pdf, certificates_zip
from ..forms import RevokeForm
from ..models import Certificate, CertificateStatus
from ..selectors import certificate_get_for_user, workshop_get_for_user, workshop_progress
from .common import add_errors, audit_participants_read, staff, verify_url
from .workshops import RUN


def _file(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = as_download(HttpResponse(data, content_type=content_type), name)
    response["Cache-Control"] = "no-store"
    return response


@require_perm(*RUN)
def certificates(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = workshop_get_for_user(request, pk)
    if request.method == "POST":
        issued = services.certificates_issue(actor=staff(request), workshop=workshop)  # type: ignore[arg-type]
        messages.success(request, f"{len(issued)} certificates issued.")
        return redirect("training:certificates", pk=workshop.pk)
    all_certs = (
        Certificate.objects.filter(registration__workshop=workshop)
        .select_related("registration", "replaced_by")
        .order_by("registration__number", "-issued_at")
    )
    audit_participants_read(
        request, page="certificates", object_type="training.workshop", object_id=workshop.pk
    )
    return render(
        request,
        "training/certificates.html",
        {
            "workshop": workshop,
            "rows": workshop_progress(workshop),
            "certificates": all_certs,
        },
    )


@require_perm(*RUN)
def certificate_download(request: HttpRequest, pk: int) -> HttpResponse:
    cert = certificate_get_for_user(request, pk)
    audit_read(
        request,
        action=TrainingAction.CERTIFICATES_DOWNLOADED,
        object_type="training.certificate",
        object_id=cert.pk,
        count=1,
    )
    return _file(
        certificate_pdf(cert, verify_url=verify_url(request, cert.code)),
        "application/pdf",
        f"certificate-{cert.code}.pdf",
    )


@require_perm(*RUN)
def certificates_download_all(request: HttpRequest, pk: int) -> HttpResponse:
    workshop = workshop_get_for_user(request, pk)
    certs = list(
        Certificate.objects.filter(registration__workshop=workshop, status=CertificateStatus.VALID)
        .select_related("registration")
        .order_by("registration__number")
    )
    if not certs:
        raise Http404("No certificates yet")
    audit_read(
        request,
        action=TrainingAction.CERTIFICATES_DOWNLOADED,
        object_type="training.workshop",
        object_id=workshop.pk,
        count=len(certs),
    )
    data = certificates_zip(certs, verify_url_for=lambda c: verify_url(request, c.code))
    return _file(data, "application/zip", f"certificates-workshop-{workshop.pk}.zip")


@require_perm(*RUN)
@require_POST
def certificate_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    cert = certificate_get_for_user(request, pk)
    try:
        new = services.certificate_reissue(actor=staff(request), certificate=cert)  # type: ignore[arg-type]
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, f"Reissued with the new code {new.code}; {cert.code} now shows as replaced."
        )
    return redirect("training:certificates", pk=cert.registration.workshop_id)


@require_perm(*RUN)
def certificate_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    cert = certificate_get_for_user(request, pk)
    form = RevokeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.certificate_revoke(
                actor=staff(request), certificate=cert, reason=form.cleaned_data["reason"]
            )  # type: ignore[arg-type]
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(request, f"Certificate {cert.code} revoked.")
            return redirect("training:certificates", pk=cert.registration.workshop_id)
    return render(request, "training/certificate_revoke.html", {"form": form, "certificate": cert})


@public
def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: what is printed on the certificate, and whether it still stands. Nothing else."""
    cert = Certificate.objects.filter(code=code.upper().strip()).select_related("replaced_by").first()
    if cert is None:
        raise Http404("No certificate has this code")
    response = render(request, "training/verify.html", {"certificate": cert})
    response["X-Robots-Tag"] = "noindex"
    return response
