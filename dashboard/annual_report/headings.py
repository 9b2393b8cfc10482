"""The report's headings, by kind: the statutory content of a children's yearly
report (Working Together 2023), the Walsall arrangements' own headings
(section 10.2 of the arrangements in shared/domain/examples) as a second
template, and the Safeguarding Adults Board annual report's content (Care Act
2014, Schedule 2, paragraph 4(1)(a) to (g)) with its recipients (paragraph 4(2)).
A combined report has the children's headings, then the adults' ones.

Each heading: (key, heading, guidance, statutory, evidence suggested beside it).
Evidence kinds are those of evidence.py."""

CHILDREN_STATUTORY = [
    (
        "activity",
        "What the safeguarding partners did, including on child safeguarding practice reviews",
        "What the partners did together this year: the boards and groups, who came, the "
        "reviews started, concluded and published.",
        True,
        ["meetings", "attendance", "actions", "reviews"],
    ),
    (
        "effectiveness",
        "How effective the arrangements have been",
        "How well the arrangements worked, with evidence: attendance, actions completed and "
        "those still overdue, what independent scrutiny found.",
        True,
        ["attendance", "actions"],
    ),
    (
        "impact",
        "Evidence of impact, including of training, on outcomes for children and families",
        "What changed for children and families because of the partners' work, including "
        "training: not only how many attended or what they thought of it.",
        True,
        ["priorities"],
    ),
    (
        "little_progress",
        "Areas with little or no evidence of progress on agreed priorities",
        "Be candid: which priorities did not move, why, and what the partners will do.",
        True,
        ["priorities", "actions"],
    ),
    (
        "review_actions",
        "Decisions and actions on local and national review recommendations",
        "What the partners decided and did about the recommendations of local and national "
        "reviews, and what improved as a result.",
        True,
        ["recommendations", "learning"],
    ),
    (
        "voice",
        "How feedback from children and families shaped the work",
        "How the partners sought the views of children, young people and families, and what "
        "changed because of them.",
        True,
        [],
    ),
    (
        "funding",
        "Funding and resources",
        "What each partner contributed, in cash and in kind, and what the money paid for.",
        False,
        ["funding", "budget"],
    ),
]

# Walsall Safeguarding Partnership Arrangements, section 10.2 (a) to (f).
CHILDREN_ARRANGEMENTS = [
    (
        "relationships",
        "(a) The effectiveness of our relationships with each other",
        "How the partners worked together: who came, who led, where relationships were tested.",
        True,
        ["meetings", "attendance"],
    ),
    (
        "contribution",
        "(a) The level of contribution made by partners to safeguarding",
        "What each partner gave: attendance, actions owned, funding in cash and in kind.",
        True,
        ["attendance", "funding", "budget"],
    ),
    (
        "learning",
        "(a) The progress we are making to learn and improve",
        "Reviews, audits and the actions that followed them.",
        True,
        ["reviews", "learning", "actions"],
    ),
    (
        "difference",
        "(a) The difference we are making to the safety of children, young people, adults "
        "and families",
        "Outcomes, with evidence.",
        True,
        ["priorities"],
    ),
    (
        "impact",
        "(b) Evidence of the impact of our work, including training, on outcomes",
        "Across all services from early help to statutory intervention: what changed, and how "
        "you know (not only who attended training).",
        True,
        ["priorities"],
    ),
    (
        "little_progress",
        "(c) Areas with little or no evidence of progress on agreed priorities",
        "Which priorities did not move, why, and what the partners will do.",
        True,
        ["priorities", "actions"],
    ),
    (
        "review_actions",
        "(d) Decisions and actions on the recommendations of local and national reviews",
        "Child safeguarding practice reviews and safeguarding adult reviews, including any "
        "improvements that resulted.",
        True,
        ["recommendations", "reviews"],
    ),
    (
        "voice",
        "(e) How we sought and used feedback from children, young people and adults",
        "How feedback informed the partners' work and influenced services.",
        True,
        [],
    ),
    (
        "restraint",
        "(f) The use of restraint",
        "Where it applies: a review of the use of restraint within establishments.",
        False,
        [],
    ),
]

# Care Act 2014, Schedule 2, paragraph 4(1).
ADULTS = [
    (
        "sab_objective",
        "(a) What the Board did during the year to achieve its objective",
        "Its objective: to help and protect adults in its area who have care and support needs "
        "and are at risk of abuse or neglect.",
        True,
        ["meetings", "attendance", "actions"],
    ),
    (
        "sab_strategy",
        "(b) What the Board did during the year to implement its strategy",
        "Progress on each priority of the strategic plan.",
        True,
        ["priorities", "actions"],
    ),
    (
        "sab_members",
        "(c) What each member did during the year to implement the strategy",
        "Each member organisation's part: attendance, actions, contributions.",
        True,
        ["attendance", "funding"],
    ),
    (
        "sab_findings",
        "(d) The findings of the safeguarding adults reviews concluded in the year",
        "Reviews arranged by the Board that concluded in the year, and what they found.",
        True,
        ["reviews"],
    ),
    (
        "sab_ongoing",
        "(e) The safeguarding adults reviews ongoing at the end of the year",
        "Reviews arranged by the Board and not yet concluded, whether or not begun in the year.",
        True,
        ["reviews"],
    ),
    (
        "sab_implemented",
        "(f) What the Board did during the year to implement the findings of reviews",
        "The findings of reviews arranged by it, and what was done about each.",
        True,
        ["recommendations", "learning"],
    ),
    (
        "sab_not_implemented",
        "(g) Findings the Board decided not to implement, and why",
        "Where the Board decided during the year not to implement a finding of a review it "
        "arranged: the reasons.",
        True,
        ["recommendations"],
    ),
    (
        "sab_funding",
        "Funding and resources",
        "What each member contributed, in cash and in kind, and what the money paid for.",
        False,
        ["funding", "budget"],
    ),
]

# Care Act 2014, Schedule 2, paragraph 4(2); Working Together 2023 (yearly report).
ADULTS_RECIPIENTS = [
    "The chief executive of the local authority",
    "The leader of the local authority",
    "The local policing body (the police and crime commissioner)",
    "The local Healthwatch organisation",
    "The chair of the Health and Wellbeing Board",
]
CHILDREN_RECIPIENTS = [
    "The Child Safeguarding Practice Review Panel",
    "Foundations, the national what works centre for children and families",
]


def sections_for(kind, headings):
    """[(part, key, heading, guidance, statutory, evidence)] for a new report."""
    children = CHILDREN_ARRANGEMENTS if headings == "arrangements" else CHILDREN_STATUTORY
    if kind == "children":
        return [("", *row) for row in children]
    if kind == "adults":
        return [("", *row) for row in ADULTS]
    return [("Children and young people", *row) for row in children] + [
        ("Adults", *row) for row in ADULTS
    ]


def recipients_for(kind):
    if kind == "children":
        return list(CHILDREN_RECIPIENTS)
    if kind == "adults":
        return list(ADULTS_RECIPIENTS)
    return CHILDREN_RECIPIENTS + ADULTS_RECIPIENTS
