"""Training work for the background worker."""

from __future__ import annotations

from django.urls import reverse
from django_tasks import task

from harbourline.jobs.models import Job
from harbourline.jobs.services import Progress, run_job

from .certificate_pdf import certificates_zip
from .models import Certificate, CertificateStatus


@task()
def certificates_zip_task(job_id: str, workshop_id: int, base_url: str) -> str:
    """Every valid certificate of a workshop as one ZIP, with progress on the job page."""

    def work(job: Job, progress: Progress) -> bytes:
        certs = (
            Certificate.objects.filter(registration__workshop_id=workshop_id, status=CertificateStatus.VALID)
            .select_related("registration")
            .order_by("registration__number")
        )
        progress(0, certs.count())
        return certificates_zip(
            certs,
            verify_url_for=lambda c: base_url.rstrip("/") + reverse("training:verify", args=[c.code]),
            progress=progress,
        )

    return run_job(job_id, work)
