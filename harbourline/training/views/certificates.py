from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from harbourline.accounts.decorators import public, require_perm
from harbourline.audit.services import audit_read
from harbourline.core import throttle
from harbourline.core.http import as_download
from harbourline.jobs.services import job_start

from .. import services
from ..actions import TrainingAction
from ..certificate_pdf import certificate_pdf
from ..forms import ReissueForm, RevokeForm
from ..models import Certificate, CertificateStatus
from ..selectors import certificate_get_for_user, workshop_get_for_user, workshop_progress
from ..tasks import certificates_zip_task
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
    """GET: what the ZIP will hold. POST: prepare it in the background and show its progress."""
    workshop = workshop_get_for_user(request, pk)
    count = Certificate.objects.filter(
        registration__workshop=workshop, status=CertificateStatus.VALID
    ).count()
    if request.method == "POST" and count:
        job = job_start(
            actor=staff(request),
            task=certificates_zip_task,
            kind="training.certificates_zip",
            title=f"ZIP of the {count} valid certificates of workshop {workshop.pk}",
            back_url=reverse("training:certificates", args=[workshop.pk]),
            file_name=f"certificates-workshop-{workshop.pk}.zip",
            file_type="application/zip",
            download_action=TrainingAction.CERTIFICATES_DOWNLOADED.value,
            object_type="training.workshop",
            object_id=workshop.pk,
            workshop_id=workshop.pk,
            base_url=request.build_absolute_uri("/"),
        )
        return redirect("jobs:detail", pk=job.pk)
    return render(request, "training/certificates_zip.html", {"workshop": workshop, "count": count})


@require_perm(*RUN)
def certificate_reissue(request: HttpRequest, pk: int) -> HttpResponse:
    cert = certificate_get_for_user(request, pk)
    form = ReissueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            new = services.certificate_reissue(
                actor=staff(request), certificate=cert, reason=form.cleaned_data["reason"]
            )  # type: ignore[arg-type]
        except ValidationError as exc:
            add_errors(form, exc)
        else:
            messages.success(
                request, f"Reissued with the new code {new.code}; {cert.code} now shows the new code."
            )
            return redirect("training:certificates", pk=cert.registration.workshop_id)
    return render(request, "training/certificate_reissue.html", {"form": form, "certificate": cert})


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
    if throttle.limited(request, "certificate_verify"):
        return throttle.too_many(request)
    cert = Certificate.objects.filter(code=code.upper().strip()).select_related("replaced_by").first()
    if cert is None:
        raise Http404("No certificate has this code")
    response = render(request, "training/verify.html", {"certificate": cert})
    response["X-Robots-Tag"] = "noindex"
    return response
