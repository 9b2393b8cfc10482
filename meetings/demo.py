"""Demo meetings for `seed_demo` (see partnership/demo/seed.py)."""

import datetime

from documents.simple_pdf import simple_pdf

# The demo's meetings ------------------------------------------------------------
#
# Every demo board gets: a meeting some months ago and one some weeks ago, both
# with approved minutes (the older one published, the later approved with an
# amendment), a meeting held last week whose minutes are submitted and await
# the chair's approval (a subgroup's were returned with comments), each
# minutes giving the date of the next meeting, the next meeting
# with its agenda published and papers (one of them late), and a planned one
# after that. Dates are days from today, so the demo looks alive whenever it is
# seeded. Seeding is idempotent: a board that already has meetings is left alone.

W, D = "welcome", "previous_minutes"

# (title, numbering, purpose, presenter's place on the board (0 = chair),
#  confidential, discussion paragraphs, decisions, actions raised: (action,
#  owner places, due in days)). Modelled on Herefordshire's partners' board.
HEREFORDSHIRE_ITEMS = [
    (
        "Welcome and apologies",
        "none",
        "",
        None,
        False,
        [
            "The Chair welcomed everyone to the meeting. Apologies were noted as recorded above.",
            (
                "It was agreed to change the agenda order and take the budget item at the end of "
                "the meeting."
            ),
        ],
        [],
        [],
    ),
    (
        "Minutes of the previous meeting, action log and matters arising",
        "main",
        "decision",
        0,
        False,
        [
            (
                "Members considered the outstanding actions on the action log; updates are "
                "recorded on the log."
            ),
            "Matters arising: none.",
        ],
        [],
        [],
    ),
    (
        "Performance and scrutiny: feedback from the Quality and Effectiveness Group",
        "main",
        "assurance",
        0,
        False,
        [
            (
                "The Chair presented feedback from the last Quality and Effectiveness Group, "
                "covering governance, the effectiveness of the safeguarding system, collaborative"
                " working and the learning system."
            ),
            (
                "Late papers: it was agreed that in future any papers received after the seven "
                "day deadline set by the Safeguarding Business Unit would not be included on the "
                "agenda. Late papers from the local authority, police or health will be escalated"
                " in advance to the statutory partners."
            ),
        ],
        ["Papers received after the seven day deadline are not included on the agenda"],
        [],
    ),
    (
        "LADO",
        "sub",
        "",
        None,
        False,
        [
            (
                "The Local Authority Designated Officer (LADO) service is working well. The Chair"
                " asked whether health staff about whom there are concerns are routinely referred"
                " to the LADO service; this was not known."
            ),
        ],
        [],
        [
            (
                (
                    "Find out whether health staff about whom there are concerns are routinely "
                    "referred to the LADO service"
                ),
                [3],
                35,
            )
        ],
    ),
    (
        "MASH governance",
        "sub",
        "",
        None,
        False,
        [
            (
                "The MASH Governance Group has issues with governance and reporting to address, "
                "and possible gaps in staffing and representation at the MASH."
            ),
            (
                "Members agreed that the group needs a more robust reporting line: it will report"
                " to the Quality and Effectiveness Group and appear under messages to and from "
                "partnership groups."
            ),
        ],
        ["The MASH Governance Group reports to the Quality and Effectiveness Group"],
        [("MASH Governance Group to report in to the Quality and Effectiveness Group", [2], 60)],
    ),
    (
        "Report on the child death overview process",
        "main",
        "information",
        3,
        False,
        [
            (
                "The report on the new child death review process, aligned across Herefordshire "
                "and Worcestershire, was presented. The new arrangements have been signed off by "
                "both statutory child death partners."
            ),
            (
                "Future pathways and resources for the process need to be joined up with the "
                "agreed plans for the business unit."
            ),
        ],
        [],
        [
            (
                "Follow up the resourcing of the child death review process outside the meeting",
                [3, 1],
                28,
            )
        ],
    ),
    (
        "Case review: formal sign off (Child C)",
        "main",
        "decision",
        0,
        True,
        [
            (
                "The final report of the review concerning Child C was presented for sign off. "
                "Members discussed the family's engagement and the timing of publication."
            ),
        ],
        ["The report is signed off; publication to be staggered after the family has seen it"],
        [],
    ),
    (
        "Messages to and from partnership groups",
        "main",
        "information",
        None,
        False,
        [
            (
                "Development and Practice Group: the neglect lead will work with key members of "
                "the group on the neglect strategy. Joint Case Review Group: partners asked for a"
                " thematic analysis of learning from reviews to inform business planning."
            ),
        ],
        [],
        [],
    ),
    ("Any other business", "main", "", None, False, ["None."], [], []),
]

# Modelled on Dudley's board (participation, the action tracker, the chair's update).
DUDLEY_ITEMS = [
    (
        "Introductions and apologies",
        "main",
        "",
        None,
        False,
        [
            "Introductions were made and apologies noted as recorded above.",
        ],
        [],
        [],
    ),
    (
        "Minutes, matters arising and action tracker review",
        "main",
        "decision",
        0,
        False,
        [
            (
                "The action tracker was updated: completed actions changed to green, ongoing "
                "items maintain amber."
            ),
        ],
        [],
        [],
    ),
    (
        "Participation: the young person's view",
        "main",
        "discussion",
        None,
        False,
        [
            (
                "The Chair welcomed two young people from the Participation Task Group, who "
                "shared early findings: children and young people want to be taken seriously, "
                "want the first person they speak to to know about services, and prefer one "
                "child-friendly website to several."
            ),
            "Every chair should make sure the voice of the child is a standing item on all groups.",
        ],
        ["The voice of the child is a standing item on every subgroup's agenda"],
        [
            (
                "Every subgroup to add a standing item on capturing the voice of the child",
                ["All"],
                42,
            )
        ],
    ),
    (
        "Chair's regional and national update",
        "main",
        "information",
        0,
        False,
        [
            (
                "The Chair reported on the national conference of partnership chairs: how the "
                "quality of reviews can be improved, and how partnerships can be more effective."
            ),
        ],
        [],
        [("Re-circulate the guidance on what a serious incident is and how to report it", [1], 21)],
    ),
    (
        "Performance management and audit: the dataset",
        "main",
        "assurance",
        2,
        False,
        [
            (
                "Members were concerned about gaps in the dataset. It was agreed that the dataset"
                " should concentrate on the board's priorities, with a single front sheet of "
                "trends and outcomes."
            ),
        ],
        [],
        [("Explore models for a multi-agency dataset and bring them to the next meeting", [2], 49)],
    ),
    (
        "Exception reporting from subgroups",
        "main",
        "information",
        None,
        True,
        [
            (
                "Exceptions were reported from the subgroups, including a case where a school "
                "breached the use of images guidance, putting an adopted child potentially at "
                "risk."
            ),
        ],
        ["The partnership writes to all schools about the use of images guidance"],
        [],
    ),
    ("Any other business", "main", "", None, False, ["None."], [], []),
]

# A subgroup's shorter agenda.
SUBGROUP_ITEMS = [
    ("Welcome and apologies", "none", "", None, False, ["The Chair welcomed members."], [], []),
    (
        "Minutes of the previous meeting and action log",
        "main",
        "decision",
        0,
        False,
        [
            "Open actions were reviewed and updated on the log.",
        ],
        [],
        [],
    ),
    (
        "Multi-agency audit programme",
        "main",
        "assurance",
        1,
        False,
        [
            (
                "The current audit tool is too focused on process. Findings from the last audit "
                "were discussed; the tool will be reviewed after the next audit round."
            ),
        ],
        [],
        [("Review the multi-agency audit tool after the next audit round", [1], 56)],
    ),
    (
        "Learning from reviews: briefing",
        "main",
        "information",
        2,
        False,
        [
            (
                "A seven-minute briefing on the learning from a recent review was shared and will"
                " be cascaded to frontline staff."
            ),
        ],
        ["The briefing is cascaded through each agency's training"],
        [],
    ),
    ("Any other business", "main", "", None, False, ["None."], [], []),
]

STANDING = {
    "herefordshire": [
        ("Welcome and apologies", "none", W),
        ("Minutes of the previous meeting, action log and matters arising", "main", D),
        ("Messages to and from partnership groups", "main", ""),
        ("Any other business", "main", ""),
    ],
    "dudley": [
        ("Introductions and apologies", "main", W),
        ("Minutes, matters arising and action tracker review", "main", D),
        ("Participation: the young person's view", "main", ""),
        ("Any other business", "main", ""),
    ],
}

PAPERS = [
    (
        "Quality and Effectiveness Group: feedback to the board",
        [
            "This paper summarises the group's work since the last meeting: governance, the "
            "effectiveness of the safeguarding system, collaborative working and learning.",
            "The board is asked to note the findings and agree the late papers rule.",
        ],
    ),
    (
        "Multi-agency dataset: quarter 2",
        [
            "Contacts, referrals, assessments and child protection plans for the quarter, with "
            "the trends the Quality and Effectiveness Group asks the board to note.",
        ],
    ),
]


def _wednesday(day):
    """The Wednesday of `day`'s week: demo meetings fall midweek."""
    return day + datetime.timedelta(days=2 - day.weekday())


def _weekday(day):
    """`day`, or the Monday after it if it falls at a weekend."""
    weekend = day.weekday() >= 5
    return day + datetime.timedelta(days=7 - day.weekday() if weekend else 0)


def seed(demo):
    """Meetings for every demo board (runs inside the partnership's scope,
    before the action log's demo, which raises actions at these meetings)."""
    from django.utils import timezone

    from partnership.models import BoardMembership

    from .models import Meeting

    today = timezone.localdate()
    users = demo.users
    manager = users["business_manager"][0]
    minute_taker = users["minute_taker"][0]
    chair = users["independent_chair"][0]
    for board in demo.boards.values():
        if Meeting.objects.filter(board=board).exists():
            continue
        seats = list(
            BoardMembership.objects.filter(board=board, end_date__isnull=True)
            .select_related("person", "person__organisation")
            .order_by("role", "pk")
        )
        members = [s.person for s in seats if s.role not in ("in_attendance", "adviser")]
        officers = [s.person for s in seats if s.role in ("in_attendance", "adviser")]
        _seed_board(
            demo,
            board,
            today,
            members,
            officers,
            manager=manager,
            minute_taker=minute_taker,
            chair=chair,
        )


def _items_for(demo, board):
    if board.kind != "board":
        return SUBGROUP_ITEMS
    return HEREFORDSHIRE_ITEMS if demo.partnership.slug == "herefordshire" else DUDLEY_ITEMS


def _seed_board(demo, board, today, members, officers, *, manager, minute_taker, chair):
    from . import minutes, papers, services
    from .models import MeetingSettings, StandingItem

    days = datetime.timedelta
    is_board = board.kind == "board"
    MeetingSettings.objects.create(
        board=board,
        quorum_statutory_partners=is_board,
        quorum_minimum=None if is_board else 3,
        default_venue=_venue(demo),
        # Dudley's minutes number the introductions 1; Herefordshire's leave
        # the welcome unnumbered.
        agenda_numbering=(
            MeetingSettings.AgendaNumbering.WELCOME_NUMBERED
            if demo.partnership.slug == "dudley"
            else MeetingSettings.AgendaNumbering.WELCOME_NOT_NUMBERED
        ),
    )
    for position, (title, numbering, kind) in enumerate(
        STANDING.get(demo.partnership.slug, STANDING["dudley"]) if is_board else [], start=1
    ):
        StandingItem.objects.create(
            board=board,
            position=position,
            title=title,
            numbering=numbering,
            kind=kind or "item",
        )
    spec = _items_for(demo, board)
    # Boards: two meetings with approved minutes (the older published) and one
    # held last week; subgroups one of each.
    dates = [_wednesday(today - days(days=n)) for n in ((98, 49, 7) if is_board else (42, 7))]
    # A board's next meeting is within its seven days' notice, so a paper
    # uploaded today is late; a subgroup's is three weeks away.
    next_date = _weekday(today + days(days=4)) if is_board else _wednesday(today + days(days=21))
    planned_date = _wednesday(today + days(days=63))
    held = []
    for date in dates:
        meeting = _meeting(board, date, manager, demo, agenda=False)
        _agenda(meeting, spec, members)
        _attend(meeting, members, officers, minute_taker)
        # Actions are raised at the latest meeting here; the action log's demo
        # gives the earlier ones theirs.
        _minute(meeting, spec, members, minute_taker, raise_actions=date == dates[-1])
        held.append(meeting)
    upcoming = _meeting(board, next_date, manager, demo, agenda=False)
    _agenda(upcoming, spec, members)
    services.agenda_publish(meeting=upcoming, acting_user=manager)
    planned = _meeting(board, planned_date, manager, demo)
    # Each set of minutes names the next meeting, is submitted by the minute
    # taker and agreed at the next meeting (the latest agreed ones with an
    # amendment); last week's await the chair, or (a subgroup's) came back
    # with comments.
    for earlier, later in zip(held, [*held[1:], upcoming], strict=True):
        services.next_meeting_record(
            meeting=earlier,
            acting_user=minute_taker,
            next_meeting_date=later.date,
            next_meeting_start_time=later.start_time,
            next_meeting_venue=later.venue,
        )
        minutes.minutes_submit(meeting=earlier, acting_user=minute_taker)
        if later is upcoming:
            continue
        minutes.minutes_approve(
            meeting=earlier,
            acting_user=chair,
            capacity="Independent chair",
            at_meeting=later,
            amendment=AMENDMENT if earlier is held[-2] else "",
        )
    if not is_board:
        minutes.minutes_return(meeting=held[-1], comments=RETURNED, acting_user=chair)
    if len(held) > 2:
        minutes.minutes_publish(meeting=held[0], acting_user=manager)
    _papers(upcoming, manager, papers)
    _forward_plan(board, held[-1], planned, members)


AMENDMENT = (
    "Item 3: the Early Help Strategic Group is operational, not strategic; "
    "the minutes to read \u201cEarly Help Operational Group\u201d."
)
RETURNED = (
    "Item 2: please add who gave the update on the audit, and the due date of the "
    "action on training. The attendance list is missing the police deputy."
)


def _venue(demo):
    return {
        "herefordshire": "Mordiford Room, Plough Lane, Hereford",
        "dudley": "Saltwells Education Centre, Dudley",
    }.get(demo.partnership.slug, "Council House, Walsall")


def _meeting(board, date, manager, demo, agenda=True):
    from . import services

    return services.meeting_create(
        board=board,
        acting_user=manager,
        with_standing_items=agenda,
        date=date,
        start_time=datetime.time(13, 0) if board.kind == "board" else datetime.time(9, 30),
        end_time=datetime.time(14, 30) if board.kind == "board" else datetime.time(11, 0),
        venue=_venue(demo),
    )


def _agenda(meeting, spec, members):
    """The demo agenda, numbered as the agenda builder would number it."""
    from types import SimpleNamespace

    from .models import AgendaItem
    from .numbering import agenda_numbers

    styles = [SimpleNamespace(numbering=row[1], number="", number_is_manual=False) for row in spec]
    for position, (row, number) in enumerate(zip(spec, agenda_numbers(styles), strict=True), 1):
        title, numbering, purpose, presenter, confidential = row[:5]
        AgendaItem.objects.create(
            meeting=meeting,
            position=position,
            number=number,
            title=title,
            numbering=numbering,
            # Every demo agenda agrees the previous minutes at its second item.
            kind="previous_minutes" if position == 2 else "item",
            purpose=purpose,
            presenter=_place(members, presenter),
            is_confidential=confidential,
        )


def _place(members, place):
    return members[place] if place is not None and place < len(members) else None


def _attend(meeting, members, officers, minute_taker):
    from . import services

    statuses = {}
    for index, person in enumerate(members):
        # Someone sends apologies now and then; the rest are present. Members
        # come chair first, and the chair is always there.
        away = index > 0 and (index + meeting.date.month) % 5 == 4
        statuses[person.pk] = "apologies" if away else "present"
    for person in officers:
        statuses[person.pk] = "in_attendance"
    # The minute taker's own entry says "(minutes)", as real minutes do.
    scribe = next((p for p in officers if p.user_id == minute_taker.pk), None)
    scribe = scribe or (officers[-1] if officers else None)
    notes = {scribe.pk: "minutes"} if scribe else {}
    services.attendance_record(
        meeting=meeting, statuses=statuses, notes=notes, acting_user=minute_taker
    )


def _minute(meeting, spec, members, minute_taker, raise_actions):
    """The minutes of a held meeting (written in bulk: the demo has many), with
    the actions raised at its items on the board's log."""
    import html

    from simple_history.utils import bulk_create_with_history

    from . import action_log
    from .models import ItemMinutes, Meeting

    items = list(meeting.items.order_by("position"))
    bulk_create_with_history(
        [
            ItemMinutes(
                partnership_id=meeting.partnership_id,
                item=item,
                discussion="".join(f"<p>{html.escape(p)}</p>" for p in row[5]),
                decisions="\n".join(row[6]),
                version=1,
                updated_by=minute_taker,
            )
            for item, row in zip(items, spec, strict=True)
        ],
        ItemMinutes,
        default_user=minute_taker,
    )
    meeting.status = Meeting.Status.MINUTES_DRAFT
    meeting.save(update_fields=["status", "updated_at"])
    if not raise_actions:
        return
    for item, row in zip(items, spec, strict=True):
        for description, places, due_in in row[7]:
            owners = ["all" if p == "All" else _place(members, p) for p in places]
            owners = [owner for owner in owners if owner is not None]
            if owners:
                action_log.raise_action(
                    item=item,
                    description=description,
                    owners=owners,
                    due_date=meeting.date + datetime.timedelta(days=due_in),
                    acting_user=minute_taker,
                )


def _papers(meeting, manager, papers):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    items = [i for i in meeting.items.order_by("position") if i.numbering == "main"][1:3]
    for index, (item, (title, paragraphs)) in enumerate(zip(items, PAPERS, strict=False)):
        received = timezone.now() - datetime.timedelta(days=12 if index == 0 else 0)
        papers.paper_upload(
            item=item,
            title=title,
            uploaded_file=ContentFile(simple_pdf(title, paragraphs), name=f"{title}.pdf"),
            acting_user=manager,
            received_at=received,
        )


def _forward_plan(board, last_held, planned, members):
    from .models import ForwardPlanItem

    presenter = members[1] if len(members) > 1 else None
    ForwardPlanItem.objects.create(
        board=board,
        title="Section 11 audit: findings",
        purpose="assurance",
        presenter=presenter,
        meeting=planned,
    )
    ForwardPlanItem.objects.create(
        board=board,
        title="Annual report: first draft",
        purpose="decision",
        month=(planned.date + datetime.timedelta(days=40)).replace(day=1),
    )
    ForwardPlanItem.objects.create(
        board=board,
        title="Neglect strategy: refreshed action plan",
        purpose="decision",
        raised_at=last_held.items.order_by("position")[2] if last_held.items.count() > 2 else None,
    )


def held_meetings(board, today):
    """The board's past meetings with their agenda items, newest first."""
    from .models import AgendaItem, Meeting

    meetings = list(Meeting.objects.filter(board=board, date__lt=today).order_by("-date")[:6])
    items = {}
    for item in AgendaItem.objects.filter(meeting__in=meetings).order_by("position"):
        if item.number.strip(" ."):  # "Welcome" and the like have no number to cite
            items.setdefault(item.meeting_id, []).append(item)
    return [(m, items.get(m.pk, [])) for m in meetings]
