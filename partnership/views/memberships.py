"""Who may sign in to the partnership, and with which role."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render

from govuk.pagination import paginate

from .. import services
from ..forms import MembershipForm, MembershipInviteForm
from ..loaders import load_membership
from ..permissions import can_manage_memberships, require
from ..selectors import memberships
from .common import posted


@require(can_manage_memberships)
def membership_list(request):
    return render(
        request,
        "partnership/membership_list.html",
        {"page": paginate(request, memberships(request.partnership))},
    )


@require(can_manage_memberships)
def membership_create(request):
    form = MembershipInviteForm(posted(request))
    if form.is_valid():
        try:
            membership = services.membership_invite(
                partnership=request.partnership,
                acting_user=request.user,
                site_url=request.build_absolute_uri("/"),
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error("email", error)
        else:
            messages.success(
                request, f"{membership.user} can now sign in as {membership.get_role_display()}"
            )
            return redirect(
                "partnership:membership-list", partnership_slug=request.partnership.slug
            )
    return render(request, "partnership/membership_create.html", {"form": form})


@require(can_manage_memberships)
def membership_edit(request, membership_uuid):
    membership = load_membership(request, membership_uuid)
    form = MembershipForm(
        posted(request),
        initial={"role": membership.role, "is_active": membership.is_active},
    )
    if form.is_valid():
        try:
            services.membership_change(
                membership=membership, acting_user=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error("role", error)
        else:
            messages.success(request, f"{membership.user}'s access updated")
            return redirect(
                "partnership:membership-list", partnership_slug=request.partnership.slug
            )
    return render(request, "partnership/membership_edit.html", {"form": form, "member": membership})
