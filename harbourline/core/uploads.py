"""Uploads are measured while they stream: a file over the view's limit is stopped at the limit, never read
or stored whole. Views declare their limit with ``@upload_limit(bytes)``; others get
``HARBOURLINE_MAX_UPLOAD_BYTES``. A stopped upload leaves ``request.upload_refused`` (the limit in bytes) for
the view to explain."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload

DEFAULT_MAX_UPLOAD_BYTES = 20 * 1024 * 1024


def upload_limit(limit: int) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def mark(view: Callable[..., Any]) -> Callable[..., Any]:
        view.upload_limit = limit  # type: ignore[attr-defined]
        return view

    return mark


def limit_for(request: Any) -> int:
    default = int(getattr(settings, "HARBOURLINE_MAX_UPLOAD_BYTES", DEFAULT_MAX_UPLOAD_BYTES))
    match = getattr(request, "resolver_match", None)
    return int(getattr(getattr(match, "func", None), "upload_limit", default))


def refused_message(request: Any) -> str | None:
    """The message for an upload stopped at the limit, or None."""
    limit = getattr(request, "upload_refused", None)
    if limit is None:
        return None
    return f"The file is larger than {limit // (1024 * 1024)} MB."


class SizeLimitUploadHandler(FileUploadHandler):
    """First in FILE_UPLOAD_HANDLERS: counts each file's bytes as they arrive and stops the upload at the
    limit, before the handlers that keep the data see more."""

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.received = 0
        self.limit = limit_for(self.request)

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.upload_refused = self.limit  # type: ignore[union-attr]
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None


def explain_refused_upload(request: Any, form: Any) -> None:
    """If the upload was stopped at the limit, put the plain reason on the form's file field (instead of
    'This field is required'), so that ``form.is_valid()`` is False."""
    message = refused_message(request)
    if message is None or not form.is_bound:
        return
    from django import forms

    form.full_clean()
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            form.errors[name] = form.error_class([message])
            return
    form.add_error(None, message)
