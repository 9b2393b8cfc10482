"""What the annual report (dashboard) reads about case reviews: the contract
between the reviews app and the report builder.

`review_evidence(partnership=..., start=..., end=...)` answers for one report
period. Until the case review register is built, nothing is recorded, so every
figure is zero and `recorded` is False: the report says so rather than showing
a row of zeros as if it were evidence."""

import datetime
from dataclasses import dataclass, field


@dataclass
class ReviewLine:
    """One review, named as the public report may name it (never a case's
    pseudonym unless it was published under it)."""

    reference: str
    kind: str  # "Local child safeguarding practice review", "Safeguarding adult review"...
    stage: str
    started_on: datetime.date | None = None
    concluded_on: datetime.date | None = None
    published_on: datetime.date | None = None
    findings: str = ""


@dataclass
class RecommendationLine:
    review: str
    recommendation: str
    implemented: bool
    reason_not_implemented: str = ""
    actions: int = 0  # actions raised on the action plan for it


@dataclass
class DisseminationLine:
    date: datetime.date
    kind: str  # "Lessons learned briefing", "7-minute briefing", "Training"...
    audience: str
    review: str


@dataclass
class ReviewEvidence:
    recorded: bool = False  # False: the partnership records no reviews here yet
    notifications: int = 0
    rapid_reviews: int = 0
    started: list = field(default_factory=list)  # [ReviewLine]
    concluded: list = field(default_factory=list)  # [ReviewLine] (SAB Sch 2 para 4(d))
    ongoing: list = field(default_factory=list)  # [ReviewLine] (para 4(e))
    published: list = field(default_factory=list)  # [ReviewLine]
    by_kind: list = field(default_factory=list)  # [(kind label, count)]
    themes: list = field(default_factory=list)  # [(theme, count)]
    recommendations: list = field(default_factory=list)  # [RecommendationLine] (para 4(f), (g))
    dissemination: list = field(default_factory=list)  # [DisseminationLine]


def review_evidence(*, partnership, start, end):
    """Case review evidence for the period start..end (inclusive)."""
    return ReviewEvidence()
