from __future__ import annotations

import uuid

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from harbourline.accounts.decorators import login_only

from .services import job_file, job_get_for_user, job_has_file


@login_only
def job_detail(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    """The progress of a job the user started; the page reloads itself until the job has finished."""
    job = job_get_for_user(request.user, pk)  # type: ignore[arg-type]
    response = render(request, "jobs/job.html", {"job": job, "has_file": job_has_file(job)})
    response["Cache-Control"] = "no-store"
    return response


@login_only
def job_download(request: HttpRequest, pk: uuid.UUID) -> HttpResponse:
    job = job_get_for_user(request.user, pk)  # type: ignore[arg-type]
    data = job_file(actor=request.user, job=job)  # type: ignore[arg-type]
    response = HttpResponse(data, content_type=job.file_type or "application/octet-stream")
    response["Content-Disposition"] = f'attachment; filename="{job.file_name}"'
    response["Cache-Control"] = "no-store"
    return response
