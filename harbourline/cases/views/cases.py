"""Finding cases, registering a case, the case page, identity, editing, printing."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from harbourline.accounts.decorators import require_perm
from harbourline.accounts.models import Agency
from harbourline.accounts.permissions import Perm
from harbourline.audit.services import audit_read
from harbourline.core.params import int_param
from harbourline.country.selectors import country_name, district_name

from .. import policy, services
from ..actions import CaseAction
from ..codes import CaseSection
from ..forms import CaseCreateForm, CaseEditForm, DependantForm, PersonEditForm, SearchForm
from ..lifecycle import SPECIAL, available
from ..models import Case
from ..sections import case_sections
from ..selectors import CaseSearch, Need, case_events_for, case_list_for_user, possible_duplicates
from .common import actor, attempt, data_without, get_case, refusing

PAGE = 50
VIEW = (Perm.CASE_VIEW, Perm.CASE_VIEW_NATIONAL)
PERSON_KEYS = (
    "given_names",
    "family_name",
    "aliases",
    "date_of_birth",
    "citizenship",
    "gender",
    "nationality",
    "languages",
    "document_type",
    "document_number",
    "phone",
    "email",
    "address",
)


def _search(form: SearchForm) -> CaseSearch:
    if not form.is_valid():
        return CaseSearch()
    data = form.cleaned_data
    query = (data["q"] or "").strip()
    looks_like_number = query.upper().startswith(("LC-", "LC ")) or query.replace("-", "").isdigit()
    return CaseSearch(
        number=query if looks_like_number else "",
        name="" if looks_like_number else query,
        phonetic=data.get("phonetic", False),
        date_of_birth=data.get("date_of_birth"),
        document_number=data.get("document_number", ""),
        status=data["status"],
        district=data["district"],
        form=data["form"],
        nationality=data["nationality"],
        agency_id=data["agency"].pk if data["agency"] else None,
        intake_from=data["intake_from"],
        intake_to=data["intake_to"],
    )


@require_perm(*VIEW)
def case_list_view(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    if not policy.can_search_identity(actor(request)):
        # Search by identity is an identity read: not offered to those who may read no identity.
        for name in ("phonetic", "date_of_birth", "document_number"):
            del form.fields[name]
        form.fields["q"].label = "Case number"
    search = _search(form)
    cases = refusing(
        request,
        lambda: case_list_for_user(
            actor(request), search, before_id=int_param(request, "before"), limit=PAGE + 1
        ),
    )
    has_more = len(cases) > PAGE
    cases = cases[:PAGE]
    action = (
        CaseAction.CASE_SEARCHED if search.is_identity_search or search.number else CaseAction.CASE_LISTED
    )
    audit_read(
        request,
        action=action,
        object_type="case",
        object_id="",
        rows=len(cases),
        by_name=bool(search.name),
        by_dob=bool(search.date_of_birth),
        by_document=bool(search.document_number),
    )
    query = request.GET.copy()
    query.pop("before", None)
    return render(
        request,
        "cases/case_list.html",
        {
            "form": form,
            "cases": cases,
            "query": query.urlencode(),
            "next_before": cases[-1].pk if has_more and cases else None,
            "district_name": district_name,
        },
    )


@require_perm(Perm.CASE_CREATE)
@require_http_methods(["GET", "POST"])
def case_create_view(request: HttpRequest) -> HttpResponse:
    form = CaseCreateForm(request.POST or None)
    own = Agency.objects.filter(pk=actor(request).agency_id or 0)
    form.fields["owning_agency"].queryset = own  # type: ignore[attr-defined]
    form.fields["owning_agency"].help_text = "Cases are registered for your own agency."
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = {k: data[k] for k in PERSON_KEYS}
        person["district"] = data["district"]
        agency = data["owning_agency"] or actor(request).agency
        if agency is None:
            form.add_error("owning_agency", "Choose the agency that owns the case.")
            return render(request, "cases/case_form.html", {"form": form, "title": "Register a case"})
        facts = data_without(
            form,
            *PERSON_KEYS,
            "owning_agency",
            "intake_source",
            "intake_date",
            "forms_of_exploitation",
            "district",
        )
        facts["district"] = data["district"]
        case = attempt(
            form,
            lambda: services.case_create(
                actor=actor(request),
                owning_agency=agency,
                intake_source=data["intake_source"],
                intake_date=data["intake_date"],
                forms_of_exploitation=data["forms_of_exploitation"],
                person=person,
                **facts,
            ),
        )
        if case is not None:
            messages.success(request, f"Case {case.number} registered.")
            return redirect("cases:detail", case_id=case.pk)
    return render(request, "cases/case_form.html", {"form": form, "title": "Register a case"})


@require_perm(*VIEW)
def case_detail_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(request, case_id, audit_page="overview")
    user = actor(request)
    visible = case.visible_sections  # type: ignore[attr-defined]
    sections = []
    for section in case_sections():
        if section.perms and not any(user.has_hl_perm(p) for p in section.perms):
            continue
        if (section.share_section or CaseSection.CASE) not in visible:
            continue
        context = section.context(request, case)
        if context is not None:
            sections.append((section, {**context, "case": case, "request": request}))
    steps = [
        t
        for t in available(case.status)
        if t.name not in SPECIAL and policy.can_transition(user, case, t.perm)
    ]
    duplicates = possible_duplicates(user, case.person) if "identity" in visible else []
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "visible": visible,
            "sections": sections,
            "steps": steps,
            "duplicates": duplicates,
            "events": case_events_for(user, case)[:20],
            "district_name": district_name,
            "country_name": country_name,
            "can_decide": policy.can_decide(user, case),
            "can_edit": policy.can_change(user, case, CaseSection.CASE),
            "can_edit_identity": policy.can_change(user, case, CaseSection.IDENTITY),
            "can_share": policy.can_share(user, case),
        },
    )


@require_perm(*VIEW)
def case_identity_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """Full identity: one deliberate click from the case page, for readers of the identity section; audited."""
    case = get_case(request, case_id, CaseSection.IDENTITY)
    audit_read(request, action=CaseAction.IDENTITY_VIEWED, object_type="case", object_id=case.pk)
    return render(
        request,
        "cases/identity.html",
        {"case": case, "person": case.person, "country_name": country_name, "district_name": district_name},
    )


@require_perm(Perm.CASE_EDIT)
@require_http_methods(["GET", "POST"])
def person_edit_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.IDENTITY, need=Need.CHANGE, audit_page="person_edit")
    person = case.person
    initial = {k: getattr(person, k) for k in (*PERSON_KEYS, "district")} | {"version": case.version}
    form = PersonEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        fields = {k: data[k] for k in (*PERSON_KEYS, "district")}
        done = attempt(
            form,
            lambda: services.person_update(
                actor=actor(request), case=case, version=data["version"], **fields
            ),
        )
        if done is not None:
            messages.success(request, "Identity saved.")
            return redirect("cases:detail", case_id=case.pk)
    return render(
        request, "cases/case_form.html", {"form": form, "title": f"Identity: {case.number}", "case": case}
    )


@require_perm(Perm.CASE_EDIT)
@require_http_methods(["GET", "POST"])
def case_edit_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.CASE, need=Need.CHANGE, audit_page="case_edit")
    names = [n for n in CaseEditForm.base_fields if n not in ("version", "forms_of_exploitation")]
    initial = {n: getattr(case, n) for n in names} | {
        "version": case.version,
        "forms_of_exploitation": case.forms_of_exploitation,
    }
    initial["child_involved"] = {True: "yes", False: "no"}.get(case.child_involved, "")  # type: ignore[arg-type]
    form = CaseEditForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version, forms_ = data.pop("version"), data.pop("forms_of_exploitation")
        done = attempt(
            form,
            lambda: services.case_update(
                actor=actor(request), case=case, version=version, forms_of_exploitation=forms_, **data
            ),
        )
        if done is not None:
            messages.success(request, "Case saved.")
            return redirect("cases:detail", case_id=case.pk)
    return render(
        request, "cases/case_form.html", {"form": form, "title": f"Case facts: {case.number}", "case": case}
    )


@require_perm(*VIEW)
def case_print_view(request: HttpRequest, case_id: int) -> HttpResponse:
    """A printable summary for the paper file: only the sections this user may see."""
    case: Case = get_case(request, case_id)
    audit_read(request, action=CaseAction.CASE_PRINTED, object_type="case", object_id=case.pk)
    visible = case.visible_sections  # type: ignore[attr-defined]
    user = actor(request)
    return render(
        request,
        "cases/case_print.html",
        {
            "case": case,
            "visible": visible,
            "person": case.person,
            "events": case_events_for(user, case)[:50],
            "plan": case.plan_items.select_related("provider") if "plan" in visible else [],
            "consents": case.consents.select_related("agency") if "identity" in visible else [],
            "decision": case.decisions.order_by("-recorded_at").first() if "case" in visible else None,
            "country_name": country_name,
            "district_name": district_name,
        },
    )


@require_perm(Perm.CASE_EDIT)
@require_http_methods(["GET", "POST"])
def dependants_view(request: HttpRequest, case_id: int) -> HttpResponse:
    case = get_case(request, case_id, CaseSection.IDENTITY, need=Need.CHANGE, audit_page="dependants")
    form = DependantForm(request.POST or None)
    added = (
        attempt(form, lambda: services.dependant_add(actor=actor(request), case=case, **form.cleaned_data))
        if request.method == "POST" and form.is_valid()
        else None
    )
    if added is not None:
        messages.success(request, "Dependant added.")
        return redirect("cases:dependants", case_id=case.pk)
    return render(
        request,
        "cases/dependants.html",
        {"case": case, "form": form, "dependants": case.person.dependants.all()},
    )
