from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from harbourline.core.forms import StyledForm

from .models import Feature, Language, MaterialKind
from .sections import Section

MAX_MATERIAL_BYTES = 10 * 1024 * 1024
MATERIAL_TYPES = {".pdf": b"%PDF-", ".txt": b""}


class PageForm(StyledForm):
    slug = forms.SlugField(
        label="Address", max_length=80, help_text="Lower-case words joined by hyphens, e.g. signs-fishing."
    )
    section = forms.ChoiceField(label="Menu section", choices=Section.choices)
    order = forms.IntegerField(label="Position in the section", min_value=0, max_value=999, initial=10)
    feature = forms.ChoiceField(label="Block under the text", choices=Feature.choices, required=False)


class VersionForm(StyledForm):
    title = forms.CharField(label="Title", max_length=200)
    summary = forms.CharField(
        label="Summary", max_length=400, required=False, help_text="One or two sentences."
    )
    body = forms.CharField(
        label="Text",
        max_length=20000,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text='Leave a blank line between paragraphs. "## " starts a heading, "- " a list item, '
        "[words](/en/get-help/) or [847](tel:847) a link. Links may only go to this site or to a phone number.",
    )
    reviewed = forms.BooleanField(
        label="A native speaker has approved this text",
        required=False,
        help_text="Only for Kwéyòl and Spanish.",
    )


class MaterialForm(StyledForm):
    title = forms.CharField(label="Title", max_length=200)
    language = forms.ChoiceField(label="Language", choices=Language.choices)
    kind = forms.ChoiceField(label="Kind", choices=MaterialKind.choices)
    file = forms.FileField(label="File", help_text="A PDF, or a plain-text radio script; at most 10 MB.")

    def clean_file(self) -> Any:
        upload: UploadedFile = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        suffix = "." + name.rsplit(".", 1)[-1] if "." in name else ""
        if suffix not in MATERIAL_TYPES:
            raise forms.ValidationError("Choose a PDF (.pdf) or a plain-text file (.txt).")
        if (upload.size or 0) > MAX_MATERIAL_BYTES:
            raise forms.ValidationError("The file is larger than 10 MB.")
        head = upload.read(2048)
        upload.seek(0)
        if suffix == ".pdf" and not head.startswith(MATERIAL_TYPES[".pdf"]):
            raise forms.ValidationError("This file is not a PDF.")
        if suffix == ".txt":
            try:
                head.decode("utf-8")
            except UnicodeDecodeError as error:
                if error.start < len(head) - 4:  # a character cut at the end of the sample is fine
                    raise forms.ValidationError("This file is not plain text.") from error
        return upload
