"""The minuting screen and what it posts: each item's minutes (autosaved, with
optimistic locking), actions raised inline, numbered minutes added on the fly,
the review of the board's open actions, additions to the forward plan.
Approval, amendments and publication are in views/approval.py."""

from uuid import UUID

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string

from govuk.dates import clock
from partnership.permissions import refuse_unless
from partnership.views.common import posted

from .. import action_log, selectors
from .. import minutes as services
from ..forms import (
    AddMinuteForm,
    ForwardPlanItemForm,
    ItemMinutesForm,
    RaiseActionForm,
    ReviewActionForm,
    month_choices,
)
from ..loaders import load_item, load_meeting
from ..minutes import MinutesConflict
from ..models import ItemMinutes
from ..permissions import (
    can_plan_forward,
    can_record_minutes,
)
from ..services import MinutesFrozen, forward_plan_item_create


def _minutes_form(item, data=None):
    minutes = getattr(item, "minutes", None)
    initial = {
        "discussion": minutes.discussion if minutes else "",
        "decisions": minutes.decisions if minutes else "",
        "version": minutes.version if minutes else 0,
    }
    return ItemMinutesForm(data, item=item, initial=initial)


def _review(meeting, membership):
    """The previous meeting (whose minutes this one agrees) and the board's
    open actions, each with its quick-update form."""
    previous = selectors.previous_meeting(meeting)
    actions = action_log.open_actions(meeting.board, membership=membership, before=meeting)
    status_choices, rag_choices = action_log.update_choices()
    for action in actions:
        action.review_form = ReviewActionForm(
            action=action, status_choices=status_choices, rag_choices=rag_choices
        )
    return {
        "previous": previous,
        "previous_approval": getattr(previous, "approval", None) if previous else None,
        "open_actions": actions,
    }


class ItemPlaceholder:
    """ "Any item" in the forms the minuting screen sends once, as <template>s:
    its script puts each item's id, name and title in place of these."""

    uuid = UUID(int=0)
    anchor = f"item-{uuid}"
    title = "__TITLE__"
    is_confidential = True  # the script drops what a non-confidential item does not need

    def __str__(self):
        return "__LABEL__"


def minuting(request, meeting_uuid):
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_record_minutes(request.membership))
    may = request.can.on(meeting)
    # The attendance panel is fetched by the page, with its initials warning
    # and the form to add a deputy or guest (views/attendance.py).
    context = selectors.minutes_record(meeting, include_confidential=may.see_confidential)
    for item in context["items"]:
        # Each item's action form is filled in from the page's one template.
        item.minutes_form = _minutes_form(item)
    review_needed = any(item.is_previous_minutes for item in context["items"])
    return render(
        request,
        "meetings/minuting.html",
        {
            **context,
            **(_review(meeting, request.membership) if review_needed else {}),
            "may": may,
            "month_choices": month_choices(),
            "placeholder": _placeholder(meeting),
        },
    )


def _placeholder(meeting):
    placeholder = ItemPlaceholder()
    placeholder.meeting = meeting
    placeholder.action_form = RaiseActionForm(item=placeholder)
    return placeholder


def _prepare(item, minutes_form=None, action_form=None):
    item.minutes_form = minutes_form or _minutes_form(item)
    item.action_form = action_form or RaiseActionForm(item=item)
    return item


def _saved_at(minutes):
    return clock(minutes.updated_at) if minutes.pk else ""


def minutes_item(request, meeting_uuid, item_uuid):
    """One item's minutes: the autosave endpoint (JSON, for the minuting
    screen's script) and a page of its own without JavaScript, which is also
    where a conflict is resolved."""
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_record_minutes(request.membership))
    item = load_item(request, meeting, item_uuid)
    item.minutes = ItemMinutes.objects.filter(item=item).first()
    autosave = request.headers.get("Accept") == "application/json"
    form, conflict, status = _minutes_form(item), None, 200
    was_submitted = meeting.minutes_submitted
    if request.method == "POST":
        form = _minutes_form(item, request.POST)
        if not form.is_valid():
            if autosave:
                return _refused(_form_problem(form))
        else:
            data = form.cleaned_data
            try:
                minutes, changed = services.item_minutes_save(
                    item=item,
                    discussion=data["discussion"],
                    decisions=data["decisions"],
                    version=data["version"],
                    acting_user=request.user,
                )
            except MinutesConflict as error:
                conflict, status = _conflict(error.current, data), 409
                if autosave:
                    html = render_to_string(
                        "meetings/_conflict.html",
                        {"item": item, "conflict": conflict},
                        request=request,
                    )
                    return JsonResponse(
                        {"result": "conflict", "version": error.current.version, "html": html}
                    )
                # Saving this form again (after reading both) keeps this version.
                form = _minutes_form(
                    item,
                    {**request.POST.dict(), form.add_prefix("version"): error.current.version},
                )
            except MinutesFrozen as error:
                if autosave:
                    return _refused(error.messages[0])
                form.add_error(None, error)
            except ValidationError as error:  # over a limit, past the form
                if autosave:
                    return _refused(error.messages[0])
                form.add_error(None, error)
            else:
                reopened = was_submitted and changed
                if autosave:
                    answer = {
                        "result": "saved",
                        "version": minutes.version,
                        "time": _saved_at(minutes),
                        "at": minutes.updated_at.isoformat(),
                    }
                    if reopened:
                        answer["notice"] = REOPENED
                    return JsonResponse(answer)
                if reopened:
                    messages.info(request, REOPENED)
                messages.success(request, f"Minutes of {item} saved")
                return redirect(meeting.url("minutes") + f"#{item.anchor}")
    return render(
        request,
        "meetings/minutes_item.html",
        {
            "meeting": meeting,
            "item": item,
            "form": form,
            "conflict": conflict,
            "may": request.can.on(meeting),
        },
        status=status,
    )


REOPENED = (
    "These minutes had been submitted for approval: your change returned them to draft. "
    "Submit them again when they are finished."
)


def _form_problem(form):
    """What the autosave says when the form is refused: a field's own error (a
    limit, named) or, for a tampered version, that the page is out of date."""
    for name in ("discussion", "decisions"):
        if name in form.errors:
            return form.errors[name][0]
    return "The page is out of date: reload it to go on"


def _refused(message):
    """An answer the autosave shows and stops on (it will not retry)."""
    return JsonResponse({"result": "refused", "message": message})


def _conflict(current, mine):
    by = current.updated_by
    return {
        "their_discussion": current.discussion,
        "their_decisions": current.decisions,
        "their_version": current.version,
        "their_name": (by.get_full_name() or by.email) if by else "Someone",
        "their_time": _saved_at(current),
        "my_discussion": mine["discussion"],
        "my_decisions": mine["decisions"],
    }


def minutes_action(request, meeting_uuid, item_uuid):
    """Raises an action at an item (inline on the minuting screen)."""
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_record_minutes(request.membership))
    item = load_item(request, meeting, item_uuid)
    form = RaiseActionForm(posted(request), item=item)
    raised = False
    if form.is_valid():
        try:
            services.minutes_raise_action(
                item=item,
                description=form.cleaned_data["description"],
                owners=form.cleaned_data["owners"],
                due_date=form.cleaned_data["due_date"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not request.htmx:
                messages.success(request, f"Action raised at {item}")
                return redirect(meeting.url("minutes") + f"#actions-{item.uuid}")
            form, raised = RaiseActionForm(item=item), True
    if request.htmx:
        item.raised_actions = action_log.raised_in(meeting).get(item.pk, [])
        _prepare(item, action_form=form)
        return render(
            request,
            "meetings/_item_actions.html",
            {
                "meeting": meeting,
                "item": item,
                "raised": raised,
                "may": request.can.on(meeting),
            },
        )
    return render(
        request,
        "meetings/minutes_action.html",
        {
            "meeting": meeting,
            "item": item,
            "form": form,
        },
    )


def minutes_add(request, meeting_uuid, item_uuid):
    """Adds a numbered minute (2.1, 2.2...) just after an item."""
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_record_minutes(request.membership))
    after = load_item(request, meeting, item_uuid)
    form = AddMinuteForm(posted(request))
    if form.is_valid():
        try:
            item = services.minutes_add_item(
                after=after, title=form.cleaned_data["title"], acting_user=request.user
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if request.htmx:
                item.meeting = meeting
                item.minutes = None
                item.raised_actions = []
                _prepare(item)
                return render(
                    request,
                    "meetings/_minute_item.html",
                    {
                        "meeting": meeting,
                        "item": item,
                        "may": request.can.on(meeting),
                        "month_choices": month_choices(),
                        "added": True,
                    },
                )
            messages.success(request, f"Minute {item} added")
            return redirect(meeting.url("minutes") + f"#{item.anchor}")
    return render(
        request, "meetings/minutes_add.html", {"meeting": meeting, "item": after, "form": form}
    )


def minutes_review(request, meeting_uuid, action_uuid):
    """A quick update to one open action of the board, during the review of the
    previous action log."""
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_record_minutes(request.membership))
    action = action_log.action_for_board(meeting.board, action_uuid, membership=request.membership)
    if action is None:
        raise Http404("No such action")
    status_choices, rag_choices = action_log.update_choices()
    form = ReviewActionForm(
        posted(request), action=action, status_choices=status_choices, rag_choices=rag_choices
    )
    updated = False
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.minutes_review_action(
                meeting=meeting,
                action=action,
                text=data["text"].strip(),
                status=data["status"],
                rag=data["rag"],
                acting_user=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if not request.htmx:
                messages.success(request, f"Action {action.number} updated")
                return redirect(meeting.url("minutes") + f"#action-{action.uuid}")
            action = action_log.action_for_board(
                meeting.board, action_uuid, membership=request.membership
            )
            form = ReviewActionForm(
                action=action, status_choices=status_choices, rag_choices=rag_choices
            )
            updated = True
    action.review_form = form
    template = "meetings/_review_action.html" if request.htmx else "meetings/minutes_review.html"
    return render(
        request,
        template,
        {
            "meeting": meeting,
            "action": action,
            "form": form,
            "updated": updated,
            "may": request.can.on(meeting),
        },
    )


def minutes_forward_plan(request, meeting_uuid, item_uuid):
    """Adds something to the board's forward plan while minuting an item."""
    meeting = load_meeting(request, meeting_uuid)
    refuse_unless(can_plan_forward(request.membership))
    item = load_item(request, meeting, item_uuid)
    form = ForwardPlanItemForm(
        posted(request),
        partnership=request.partnership,
        board=meeting.board,
        prefix=f"p-{item.uuid}",
        initial={"is_confidential": item.is_confidential},
    )
    added = None
    if form.is_valid():
        added = forward_plan_item_create(
            board=meeting.board, data=form.cleaned_data, acting_user=request.user, raised_at=item
        )
        if not request.htmx:
            messages.success(request, f"{added} added to the forward plan ({added.when})")
            return redirect(meeting.url("minutes") + f"#{item.anchor}")
        form = ForwardPlanItemForm(
            partnership=request.partnership, board=meeting.board, prefix=f"p-{item.uuid}"
        )
    template = "meetings/_plan_form.html" if request.htmx else "meetings/minutes_forward_plan.html"
    return render(
        request, template, {"meeting": meeting, "item": item, "form": form, "added": added}
    )
