"""A case: its page (every view written to the access log), recording and
changing it, real identifiers, related reviews, its panel, its access log and
retention decisions."""

import csv
import datetime
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from audit.log import KINDS, record
from audit.models import AuditEvent
from documents.render import file_response
from documents.spreadsheets import neutralise
from govuk.pagination import paginate
from partnership.loaders import load_membership
from partnership.models import Membership
from partnership.permissions import refuse_unless, require

from .. import services
from ..clocks import rules_ensure
from ..forms import CaseForm, CaseLinkForm, IdentifiersForm, PanelForm, RetentionForm
from ..loaders import load_case
from ..models import CaseUserObjectPermission, ReviewSettings
from ..page import case_page_context
from ..permissions import (
    PANEL_PERMISSION,
    can_edit_case,
    can_manage_cases,
    can_manage_panel,
    can_read_case_access_log,
    can_reveal_identifiers,
)
from ..selectors import retention_due
from .common import form_page, posted


def _case_url(case):
    return case.get_absolute_url()


def case_detail(request, case_uuid):
    case = load_case(request, case_uuid)
    record("case.viewed", request=request, obj=case)
    return render(request, "reviews/case_detail.html", case_page_context(request, case))


@require(can_manage_cases)
def case_create(request):
    rules_ensure(request.partnership)
    services.themes_ensure(request.partnership)
    form = CaseForm(posted(request), partnership=request.partnership)
    if form.is_valid():
        try:
            case = services.case_create(
                partnership=request.partnership,
                data=form.case_data(),
                subjects=form.subjects(),
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Case {case.reference} recorded")
            return redirect(case)
    return render(
        request,
        "reviews/case_form.html",
        {"form": form, "back": reverse("reviews:register", args=[request.partnership.slug])},
    )


def case_edit(request, case_uuid):
    case = load_case(request, case_uuid)
    refuse_unless(can_edit_case(request.membership, case))
    form = CaseForm(posted(request), instance=case, partnership=request.partnership)
    if form.is_valid():
        try:
            services.case_update(
                case=case,
                data=form.case_data(),
                subjects=form.subjects(),
                type_change_reason=form.cleaned_data.get("type_change_reason", ""),
                acting_user=request.user,
            )
            services.case_themes_set(
                case=case, themes=list(form.cleaned_data["themes"]), acting_user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"Case {case.reference} updated")
            return redirect(case)
    return render(
        request, "reviews/case_form.html", {"form": form, "case": case, "back": _case_url(case)}
    )


def case_identifiers(request, case_uuid):
    """Real names and dates of birth: the business unit alone, where the
    partnership records them; every reveal is logged."""
    case = load_case(request, case_uuid)
    refuse_unless(can_reveal_identifiers(request.membership, case))
    subjects = list(case.subjects.all())
    form = IdentifiersForm(posted(request), subjects=subjects)
    if request.method == "POST" and form.is_valid():
        services.identifiers_save(
            case=case, identifiers=form.identifiers(), acting_user=request.user
        )
        messages.success(request, "Real identifiers saved, encrypted")
        return redirect(case)
    revealed = services.identifiers_reveal(case=case, request=request)
    if request.method == "GET":
        form = IdentifiersForm(
            initial={
                key: value
                for subject, name, born in revealed
                for key, value in ((f"name_{subject.pk}", name), (f"born_{subject.pk}", born))
                if value
            },
            subjects=subjects,
        )
    return render(
        request,
        "reviews/identifiers.html",
        {"case": case, "revealed": revealed, "form": form, "back": _case_url(case)},
    )


def case_link_add(request, case_uuid):
    case = load_case(request, case_uuid)
    refuse_unless(can_edit_case(request.membership, case))
    form = CaseLinkForm(posted(request), case=case)
    if form.is_valid():
        data = form.cleaned_data
        services.case_link_add(
            case=case,
            related_case=data["related_case"],
            description=data["description"],
            external_reference=data["external_reference"],
            acting_user=request.user,
        )
        messages.success(request, "Related review added")
        return redirect(case)
    return form_page(
        request, form, title="Add a related review", caption=case.reference, back=_case_url(case)
    )


def case_panel(request, case_uuid):
    """Who sits on the case's review panel (django-guardian object permissions):
    granted here, each grant written to the access log."""
    case = load_case(request, case_uuid)
    refuse_unless(can_manage_panel(request.membership, case))
    grants = list(
        CaseUserObjectPermission.objects.filter(
            content_object=case, permission__codename=PANEL_PERMISSION
        )
        .select_related("user", "granted_by")
        .order_by("granted_at")
    )
    memberships = {
        m.user_id: m
        for m in Membership.objects.for_partnership(request.partnership).filter(
            user_id__in=[g.user_id for g in grants]
        )
    }
    for grant in grants:
        grant.membership = memberships.get(grant.user_id)
    form = PanelForm(
        posted(request),
        partnership=request.partnership,
        exclude_users=[g.user_id for g in grants],
    )
    if form.is_valid():
        member = form.cleaned_data["member"]
        services.panel_change(case=case, membership=member, grant=True, acting_user=request.user)
        messages.success(request, f"{member.user.get_full_name()} added to the panel")
        return redirect("reviews:case-panel", request.partnership.slug, case.uuid)
    return render(
        request,
        "reviews/panel.html",
        {"case": case, "grants": grants, "form": form, "back": _case_url(case)},
    )


def panel_revoke(request, case_uuid, membership_uuid):
    case = load_case(request, case_uuid)
    refuse_unless(can_manage_panel(request.membership, case))
    membership = load_membership(request, membership_uuid)
    name = membership.user.get_full_name() or membership.user.email
    if request.method == "POST":
        if services.panel_change(
            case=case, membership=membership, grant=False, acting_user=request.user
        ):
            messages.success(request, f"{name} removed from the panel")
        return redirect("reviews:case-panel", request.partnership.slug, case.uuid)
    return render(
        request,
        "reviews/confirm.html",
        {
            "title": f"Remove {name} from the panel?",
            "caption": case.reference,
            "text": "They will no longer be able to see this case: its pages and files will "
            "answer as if it did not exist. The removal is written to the access log.",
            "submit": "Remove from the panel",
            "back": reverse("reviews:case-panel", args=[request.partnership.slug, case.uuid]),
        },
    )


def _case_events(case):
    return AuditEvent.objects.filter(
        partnership_id=case.partnership_id, object_uuid=case.uuid
    ).select_related("user")


def case_access_log(request, case_uuid):
    case = load_case(request, case_uuid)
    refuse_unless(can_read_case_access_log(request.membership, case))
    return render(
        request,
        "reviews/access_log.html",
        {
            "case": case,
            "page": paginate(request, _case_events(case), per_page=50),
            "kinds": KINDS,
            "back": _case_url(case),
        },
    )


def case_access_csv(request, case_uuid):
    case = load_case(request, case_uuid)
    refuse_unless(can_read_case_access_log(request.membership, case))
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["When (UTC)", "Who", "Event", "Detail", "From", "Address"])
    for event in _case_events(case).iterator():
        writer.writerow(
            neutralise(cell)
            for cell in [
                event.at.astimezone(datetime.UTC).strftime("%Y-%m-%d %H:%M:%S"),
                event.actor,
                KINDS.get(event.kind, event.kind),
                event.detail,
                event.ip_address or "",
                event.path,
            ]
        )
    record("case.access_exported", request=request, obj=case)
    return file_response(
        out.getvalue().encode("utf-8-sig"),
        f"access-log-{case.reference}.csv",
        "text/csv; charset=utf-8",
    )


@require(can_manage_cases)
def retention(request):
    return render(
        request,
        "reviews/retention.html",
        {
            "due": retention_due(partnership=request.partnership),
            "settings_row": ReviewSettings.for_partnership(request.partnership),
        },
    )


def retention_decision(request, case_uuid):
    case = load_case(request, case_uuid)
    refuse_unless(can_edit_case(request.membership, case))
    form = RetentionForm(posted(request))
    if form.is_valid():
        services.retention_decide(
            case=case,
            retain_until=form.cleaned_data["retain_until"],
            note=form.cleaned_data["note"],
            acting_user=request.user,
        )
        messages.success(request, f"Retention decision recorded for {case.reference}")
        return redirect("reviews:retention", request.partnership.slug)
    return form_page(
        request,
        form,
        title="Record a retention decision",
        caption=case.reference,
        back=reverse("reviews:retention", args=[request.partnership.slug]),
        intro="Records are never deleted by the service. Decide how long to keep them, and why.",
    )
