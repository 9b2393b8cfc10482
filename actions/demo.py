"""Demo action logs for every demo board, drawn from the published minutes in
shared/domain/examples: numbered actions with owners (a person, several, a
group, a team, an agency, "All"), due dates around today (so some are overdue, some due
soon), dated updates, RAG kept by hand ("maintain amber"), completed and carried
forward actions. Idempotent: an action is found by board and wording.

Dates are days from today, so the log looks alive whenever the demo is seeded.
Where the meetings demo has held meetings for a board, actions are raised at
them (origin "dd.mm.yy ref n"); otherwise the origin is written as a tracker
would."""

import datetime

from django.utils import timezone

from . import services
from .models import Action, ActionUpdate
from .owners import OwnerDirectory

OPEN, IP, CF, DONE = "open", "in_progress", "carried_forward", "completed"

# Per board: (action, owners, due in days (None: no date), status, RAG by hand
# (colour, reason) or None, raised days ago, [(days ago, update text, changes)]).
LOGS = {
    # Dudley ------------------------------------------------------------------------------
    "Dudley Safeguarding Children Partnership Board": [
        (
            "Circulate the revised threshold document to all partner agencies and put it on "
            "the website",
            ["Business Support Team"], 6, IP, None, 30,
            [(12, "Document formatted; awaiting the final version from the local authority.",
              {})],
        ),
        (
            "Book the venue and send calendar invitations for next year's board meetings",
            ["Business Support Team", "Helen Marsh"], -3, OPEN, None, 50, [],
        ),
        (
            "Domestic abuse: feed back to a future meeting on the number of children at high "
            "risk of domestic abuse, including the MARAC and DART screening figures",
            ["Susan Vickers", "Sue Haywood", "Andrew Parkes"],
            -12, IP, None, 70,
            [(40, "A further meeting of the Domestic Abuse Strategic Group is arranged; the "
                  "DART audit figures will be linked to the community safety figures.", {})],
        ),
        (
            "Circulate the briefing pack analysing Ofsted findings to board members",
            ["Helen Marsh"], 4, IP, None, 45,
            [(20, "Briefing pack in preparation, to go out before the next meeting.", {})],
        ),
        (
            "Early help assessments: collate the number of assessments each quarter from each "
            "agency, including those completed by health professionals",
            ["All"], 30, IP, ("amber", "Figures from two agencies still missing: maintain amber"),
            70,
            [(35, "First quarter's figures received from the local authority and police.", {})],
        ),
        (
            "Safeguarding website: continue developing the website for professionals and "
            "families",
            ["Jasmine Brookfield"], 40, CF, ("amber", "Ongoing agenda item: maintain amber"), 120,
            [(70, "Carried forward: new pages for young people being tested.", {}),
             (30, "Ongoing agenda item – maintain amber.", {})],
        ),
        (
            "Publish the annual report on the partnership website",
            ["Jasmine Brookfield"], -40, DONE, None, 100,
            [(45, "Completed – published and circulated to partners.", {"status": DONE})],
        ),
        (
            "Private fostering annual report: circulate the website link to board members",
            ["Martin McFarlane"], -20, DONE, None, 70,
            [(25, "Completed – now on the website, link circulated. Change to green.",
              {"status": DONE})],
        ),
        (
            "Re-circulate the sections of the procedures manual that explain what a serious "
            "incident is and how to report it",
            ["Andrew Parkes"], -2, OPEN, None, 30, [],
        ),
        (
            "Professionals' use of social media: remit to the Training Subgroup",
            ["Training Subgroup"], 45, OPEN, None, 30, [],
        ),
        (
            "Every subgroup to have a standing agenda item on capturing the voice of the child",
            ["All"], 14, IP, None, 30,
            [(10, "Added to the QA&C and CDOP agendas; Training to follow.", {})],
        ),
        (
            "West Midlands Fire Service to present its safeguarding work at a future meeting",
            ["West Midlands Fire Service"], 60, OPEN, None, 30, [],
        ),
        (
            "Review of the Tier 4 CAMHS service: report on access to in-patient beds",
            ["Rebecca Barton"], 25, OPEN, ("amber", "Not yet commenced – remain amber"), 100,
            [(30, "Not yet commenced – remain amber. Work ongoing with providers on access to "
                  "beds.", {})],
        ),
    ],
    "Quality Assurance and Communications Group": [
        (
            "Domestic abuse: full agenda item at the next meeting, with the DART audit",
            ["Susan Vickers"], 6, OPEN, None, 40, [],
        ),
        (
            "Collate early help assessment figures quarterly from each agency",
            ["Priya Shah"], -9, IP, None, 80,
            [(30, "Health figures collated; awaiting education.", {})],
        ),
        (
            "Multi-agency case audit on neglect: report the findings and actions",
            ["Rebecca Barton", "Nicola Campbell"], 20, IP, None, 50, [],
        ),
        (
            "Agree the multi-agency performance dataset",
            ["Andrew Parkes"], -15, DONE, None, 90,
            [(20, "Completed – dataset agreed and first report run.", {"status": DONE})],
        ),
    ],
    "Child Death Overview Panel": [
        (
            "Appoint a deputy chair at the next meeting of the panel",
            ["Priya Shah"], -1, OPEN, None, 60, [],
        ),
        (
            "Safe sleeping: share the campaign messages with every partner agency",
            ["Andy Procter", "Susan Vickers"], 12, IP, None, 30, [],
        ),
        (
            "Present the panel's annual report to the partnership board",
            ["Priya Shah"], 40, OPEN, None, 20, [],
        ),
    ],
    "Training Subgroup": [
        (
            "Identify a chair for the Training Subgroup, and an education representative",
            ["Julie Winter"], -20, CF, None, 120,
            [(60, "Carried forward: no nomination yet from education.", {"status": CF})],
        ),
        (
            "Cover professionals' use of social media in the intermediate, advanced and "
            "e-safety courses",
            ["Michael Kingsley"], 25, OPEN, None, 25, [],
        ),
        (
            "Development day on safer recruitment",
            ["Julie Winter"], -30, DONE, None, 90,
            [(28, "Development day held – completed, change to green.", {"status": DONE})],
        ),
    ],
    "Participation Task Group": [
        (
            "Each member to find out what engagement with children and young people takes "
            "place in their organisation, using the template",
            ["All"], 10, IP, None, 40, [],
        ),
        (
            "Share the young people's early findings with the partnership board",
            ["Julie Winter"], 3, OPEN, None, 20, [],
        ),
        (
            "Explore one young-person-friendly website or app for information on services",
            ["Nikhil Burrows"], 120, OPEN, None, 20, [],
        ),
    ],
    # Herefordshire -----------------------------------------------------------------------
    "Herefordshire Safeguarding Partners Board": [
        (
            "Send the draft minutes to the Chair within five working days, then to members "
            "once agreed",
            ["the Safeguarding Team"], 3, OPEN, None, 10, [],
        ),
        (
            "Finance and funding: draft the letter to partners and pass it to the Chief "
            "Executive for signature before circulating",
            ["Philippa Grant"], -20, IP, None, 110,
            [(60, "Draft letters agreed with the Chief Executive, but PG has chased as there "
                  "appeared to be a hold up in getting letters out. PG to let EH know once "
                  "letters have been sent.", {"status": IP})],
        ),
        (
            "Development and Practice Group: key members to update the neglect strategy and "
            "action plan virtually, avoiding the need for an extra meeting",
            ["Development and Practice Group"], 40, IP, None, 110,
            [(60, "Lindsay McHardie will be the lead for neglect, working with key members of "
                  "the Development and Practice Group.", {})],
        ),
        (
            "Business plan: lead on the production of the new plan",
            ["Philippa Grant"], 5, IP, None, 80,
            [(40, "The deadline for this has been revised.", {"due": 5})],
        ),
        (
            "Neglect strategy: identify a lead for neglect",
            ["Christopher Bird"], -50, DONE, None, 80,
            [(60, "Completed – Lindsay McHardie will be the lead for neglect.", {"status": DONE})],
        ),
        (
            "Engagement: create a framework for engaging children and young people, covering "
            "existing groups and what else should be in place",
            ["Development and Practice Group"], 70, CF, None, 80,
            [(40, "Ongoing – the final version needs to go to the next Q&E meeting for "
                  "approval.", {"status": CF})],
        ),
        (
            "Update the Q&E Group's terms of reference accordingly",
            ["Philippa Grant"], 21, OPEN, None, 40, [],
        ),
        (
            "Review how the partnership engages with the education sector and the voluntary "
            "and community sector",
            ["Philippa Grant"], 60, OPEN, None, 40, [],
        ),
        (
            "Circulate the amended partnership summit agenda to members for comment",
            ["Philippa Grant"], -30, DONE, None, 40,
            [(32, "Completed – circulated.", {"status": DONE})],
        ),
        (
            "Partners to confirm when they will present a paper to their organisation on "
            "securing next year's contribution to the budget",
            ["All"], 2, OPEN, None, 40, [],
        ),
    ],
    "Quality and Effectiveness Group": [
        (
            "Thresholds: find out what happened to the three in four contacts that did not "
            "progress to a referral in the second quarter",
            ["Ellen Foster"], -15, IP,
            ("amber", "Data requested from both provider trusts: the group agreed to maintain "
                      "amber"), 60,
            [(20, "Data requested from the provider trusts – maintain amber.", {})],
        ),
        (
            "Members to take part in a 'walk the floor' session once a year",
            ["All"], 90, OPEN, None, 60, [],
        ),
        (
            "Outcome-focused plans: audit how core groups are working",
            ["Lindsay McHardie"], 30, OPEN, None, 60, [],
        ),
        (
            "Early help: explore a direct pathway from the police Harm Assessment Unit to early "
            "help",
            ["West Mercia Police"], -5, IP, None, 60,
            [(25, "Pathway drafted with the Early Help Strategic Group.", {})],
        ),
    ],
    "Development and Practice Group": [
        (
            "Update the neglect strategy and accompanying action plan",
            ["Lindsay McHardie"], 10, IP, None, 60, [],
        ),
        (
            "Draft the engagement framework for the next Q&E meeting",
            ["Owen Price"], 6, IP, None, 45, [],
        ),
        (
            "Add training on thresholds to the multi-agency training programme",
            ["Karen Whitely"], -25, DONE, None, 70,
            [(26, "Completed – added to the programme from next term.", {"status": DONE})],
        ),
    ],
    "MASH Governance Group": [
        (
            "Audit a sample of unsuccessful MASH referrals on a multi-agency basis",
            ["MASH Governance Group"], 25, OPEN, None, 40, [],
        ),
        (
            "Review the level of health staffing at the MASH",
            ["Ellen Foster"], -30, IP, None, 80,
            [(50, "Staffing restored; differing views on whether cover is enough at all "
                  "times.", {})],
        ),
        (
            "Report to the Quality and Effectiveness Group after each meeting, under messages "
            "to and from partnership groups",
            ["Sarah Thomason"], None, OPEN, None, 40, [],
        ),
        (
            "Restore education resource in the MASH to the agreed level",
            ["Christopher Bird"], -10, DONE, None, 80,
            [(12, "Completed.", {"status": DONE})],
        ),
    ],
    # Walsall -----------------------------------------------------------------------------
    "Safeguarding Executive Group": [
        (
            "Agree each statutory partner's funding contribution for next year",
            ["All"], -7, IP, None, 60,
            [(20, "Police and ICB figures agreed; local authority to confirm.", {})],
        ),
        (
            "Sign off the annual report before it goes to the Health and Wellbeing Board",
            ["Rosalind Peters"], 15, OPEN, None, 30, [],
        ),
        (
            "Police representation at the Practice Review Group",
            ["Imran Hussain"], -20, DONE, None, 60,
            [(22, "Completed – Andrew Parkes attends for the police.", {"status": DONE})],
        ),
        (
            "Decide on the Practice Review Group's recommendation for a local review",
            ["Colleen Burke", "Kathryn Allsopp"], 5, OPEN, None, 20, [],
        ),
    ],
    "Operations and Scrutiny Group": [
        (
            "Receive the quarterly performance report with exceptions",
            ["Deborah Okafor"], 8, OPEN, None, 30, [],
        ),
        (
            "Agree the themes of the multi-agency audit programme",
            ["Kathryn Allsopp"], -14, IP, None, 60, [],
        ),
        (
            "Housing: share tenancy sustainment messages with frontline staff",
            ["whg"], 20, OPEN, None, 30, [],
        ),
        (
            "Report the multi-agency training evaluation to this group",
            ["Practice Development Subgroup"], 30, OPEN, None, 30, [],
        ),
    ],
    "Practice Review Group": [
        (
            "Prepare a seven-minute briefing on the learning from the latest rapid review",
            ["Andrew Parkes"], -4, IP, None, 40,
            [(10, "Draft briefing with the police learning and development team.", {})],
        ),
        (
            "Liaise with the Community Safety Partnership on a possible joint domestic homicide "
            "review",
            ["Andrew Parkes"], 9, OPEN, None, 20, [],
        ),
        (
            "Publish the executive summary of the safeguarding adult review",
            ["Sally Roberts"], -12, DONE, None, 70,
            [(14, "Completed – published after the family was told.", {"status": DONE})],
        ),
        (
            "Write to the family before the review is published",
            ["Deborah Okafor"], 2, OPEN, None, 20, [],
        ),
    ],
    "Performance and Quality Assurance Subgroup": [
        (
            "Audit a sample of strategy discussions",
            ["Deborah Okafor"], 11, OPEN, None, 30, [],
        ),
        (
            "Report exceptions in the dataset to the Operations and Scrutiny Group",
            ["Gareth Ellis"], -30, CF, None, 90,
            [(45, "Carried forward to the next meeting.", {"status": CF})],
        ),
    ],
    "Practice Development Subgroup": [
        (
            "Complete the multi-agency training needs analysis",
            ["Colleen Burke"], 35, OPEN, None, 30, [],
        ),
        (
            "Disseminate learning from reviews through briefings and training",
            ["Practice Development Subgroup"], -6, IP, None, 60, [],
        ),
        (
            "Update the Right Help, Right Time thresholds guidance",
            ["Colleen Burke"], -20, DONE, None, 80,
            [(21, "Completed – published on the website.", {"status": DONE})],
        ),
    ],
}  # fmt: skip


def seed(demo, *, held_meetings=None):
    """Adds each demo board's action log (runs inside the partnership's scope).
    `held_meetings(board, today)`: the board's past meetings with their
    numbered items, newest first, to raise actions at (the meetings demo's)."""
    today = timezone.localdate()
    author = (demo.users.get("business_manager") or [None])[0]
    for board_name, actions in LOGS.items():
        board = demo.boards.get(board_name)
        if board is None:
            continue
        directory = OwnerDirectory(board)
        existing = set(Action.objects.filter(board=board).values_list("description", flat=True))
        meetings = held_meetings(board, today) if held_meetings else []
        for index, spec in enumerate(actions):
            description = spec[0]
            if description in existing:
                continue
            _seed_action(board, directory, spec, index, meetings, today, author)


def _seed_action(board, directory, spec, index, meetings, today, author):
    description, owner_names, due_in, status, rag, raised_ago, updates = spec
    days = datetime.timedelta
    raised_on = today - days(days=raised_ago)
    origin = {}
    # Raised at the last meeting held on or before that day, if the board has one.
    held = [(m, items) for m, items in meetings if m.date <= raised_on] or meetings[-1:]
    if held:
        meeting, items = held[0]
        raised_on = meeting.date
        origin["origin_meeting"] = meeting
        if items:
            origin["origin_item"] = items[index % len(items)]
    else:
        origin["origin_reference"] = f"{raised_on:%d.%m.%y} ref {index // 3 + 1}.{index % 3 + 1}"
    owners = []
    for name in owner_names:
        for owner in directory.parse(name):
            if owner not in owners:
                owners.append(owner)
    first_due = today + days(days=due_in) if due_in is not None else None
    if any("due" in changes for _, _, changes in updates):
        first_due = raised_on + days(days=28)  # the date the update then moved
    action = services._action_create(
        board=board,
        description=description,
        owners=owners,
        acting_user=author,
        due_date=first_due,
        raised_on=raised_on,
        **origin,
    )
    for position, (ago, text, changes) in enumerate(updates):
        extra = {}
        if rag is not None and position == len(updates) - 1:
            extra = {"rag": rag[0], "rag_reason": rag[1]}  # "maintain amber" said with it
        services.action_update_add(
            action=action,
            acting_user=author,
            text=text,
            status=changes.get("status"),
            due_date=today + days(days=changes["due"]) if "due" in changes else None,
            made_on=max(today - days(days=ago), raised_on),
            **extra,
        )
    if rag is not None and not updates:
        services.action_update_add(
            action=action, acting_user=author, rag=rag[0], rag_reason=rag[1], made_on=raised_on
        )
    if status != action.status:
        services.action_update_add(
            action=action, acting_user=author, status=status, made_on=today - days(days=1)
        )
    # The timeline reads in date order: the first entry is the one raising it.
    ActionUpdate.objects.filter(action=action, kind=ActionUpdate.Kind.RAISED).update(
        made_on=raised_on
    )
