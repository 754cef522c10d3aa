from __future__ import annotations

import json
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from harbourline.audit.models import AuditEvent
from harbourline.reference.models import ReferenceDataset, ReferenceRow
from harbourline.reference.services import reference_figures, reference_import

pytestmark = pytest.mark.django_db

_ROOT = Path(__file__).resolve().parents[3]
SHARED = next(
    (
        base / "shared" / "data" / "ctdc"
        for base in (_ROOT.parent, _ROOT.parent.parent)
        if (base / "shared").is_dir()
    ),
    _ROOT.parent / "shared" / "data" / "ctdc",
)
SYNTHETIC = (
    "yearOfRegistration,gender,ageBroad,citizenship,isForcedLabour\n"
    "2018,Female,18--20,CO,1\n"
    "2018,Female,18--20,CO,0\n"
    "2018,Male,-99,UA,1\n"
    "2019,,18--20,-99,1\n"
    "2019,Female,,CO,\n"
)


def _csv(tmp_path: Path, text: str = SYNTHETIC, name: str = "sample.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_keeps_the_file_columns_and_stores_unknowns_as_null(tmp_path: Path) -> None:
    dataset = reference_import(_csv(tmp_path), name="sample", batch=2)
    assert dataset.row_count == 5 == dataset.rows.count()
    assert dataset.columns == ["yearOfRegistration", "gender", "ageBroad", "citizenship", "isForcedLabour"]
    third = dataset.rows.order_by("pk")[2].values
    assert third == {
        "yearOfRegistration": "2018",
        "gender": "Male",
        "ageBroad": None,
        "citizenship": "UA",
        "isForcedLabour": "1",
    }
    event = AuditEvent.objects.get(action="reference.dataset_imported")
    assert event.details["rows"] == 5


def test_figures_count_every_combination_with_null_for_unknown(tmp_path: Path) -> None:
    dataset = reference_import(_csv(tmp_path), name="sample")
    figures = reference_figures(dataset, ["yearOfRegistration", "gender"])
    assert sorted(figures, key=lambda f: (f["yearOfRegistration"], f["gender"] or "")) == [
        {"yearOfRegistration": "2018", "gender": "Female", "count": 2},
        {"yearOfRegistration": "2018", "gender": "Male", "count": 1},
        {"yearOfRegistration": "2019", "gender": None, "count": 1},
        {"yearOfRegistration": "2019", "gender": "Female", "count": 1},
    ], figures


def test_commands_import_and_print_json(tmp_path: Path) -> None:
    out = StringIO()
    call_command("ctdc_import", str(_csv(tmp_path)), "--name", "sample", "--quiet", stdout=out)
    assert "Imported 5 rows" in out.getvalue()
    out = StringIO()
    call_command("reference_figures", "sample", "--by", "citizenship", "--format", "json", stdout=out)
    assert sorted(json.loads(out.getvalue()), key=lambda f: f["citizenship"] or "") == [
        {"citizenship": None, "count": 1},
        {"citizenship": "CO", "count": 3},
        {"citizenship": "UA", "count": 1},
    ]


def test_bad_input_changes_nothing_and_says_why(tmp_path: Path) -> None:
    ragged = _csv(tmp_path, "a,b\n1,2\n3\n", name="ragged.csv")
    with pytest.raises(ValidationError, match="Line 3"):
        reference_import(ragged, name="ragged", batch=1)
    assert not ReferenceDataset.objects.exists() and not ReferenceRow.objects.exists()
    with pytest.raises(ValidationError, match="header"):
        reference_import(_csv(tmp_path, "", name="empty.csv"), name="empty")
    reference_import(_csv(tmp_path), name="sample")
    before = list(ReferenceRow.objects.values_list("pk", "values"))
    with pytest.raises(ValidationError, match="exists already"):
        reference_import(_csv(tmp_path), name="sample")
    assert list(ReferenceRow.objects.values_list("pk", "values")) == before
    with pytest.raises(CommandError, match="not a column"):
        call_command("reference_figures", "sample", "--by", "nope", stdout=StringIO())
    with pytest.raises(CommandError, match="no reference data set"):
        call_command("reference_figures", "missing", "--by", "gender", stdout=StringIO())


@pytest.mark.parametrize(
    ("filename", "rows", "column"),
    [
        ("ctdc_global_dataset_2020-04-14_7cols.csv", 48773, "gender"),
        ("CTDC_VPsynthetic_condensed.csv", 21195, "majorityStatus"),
    ],
)
def test_the_public_ctdc_files_import_whole_and_count_like_a_direct_read(
    filename: str, rows: int, column: str
) -> None:
    import csv

    path = SHARED / filename
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    dataset = reference_import(path, name="public")
    assert dataset.row_count == rows
    with path.open(newline="", encoding="utf-8-sig") as handle:
        direct = Counter(
            None if (v := record[column].strip()) in {"", "-99"} else v for record in csv.DictReader(handle)
        )
    figures = reference_figures(dataset, [column])
    assert {f[column]: f["count"] for f in figures} == dict(direct)
    assert sum(f["count"] for f in figures) == rows
