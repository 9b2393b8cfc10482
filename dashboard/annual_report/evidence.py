"""The evidence the report builder offers beside each heading, generated from
what the service already holds for the report's period: meetings held per board,
attendance by partner agency (deputies counted apart), actions raised, completed
and overdue per board, case reviews (through reviews.evidence), funding by
partner and the budget against actual, and the report's own priorities.

`gather(report)` reads it all in a fixed number of queries (it does not grow
with meetings, actions or contributions) and returns plain data (dicts, lists,
dates, Decimals), so a submitted report freezes it as JSON (`freeze`/`thaw`)
and renders from the frozen copy ever after.

Who may see it: the report's evidence names every partner's contribution, so
until the report is published only the business unit and the independent chair
see it (permissions.can_view_report_evidence)."""

import datetime
import json
from decimal import Decimal

from django.utils import timezone

from actions.selectors import action_figures_by_board
from funding.selectors import funding_for_period
from meetings.selectors import agency_attendance, meetings_held_by_board
from partnership.models import Board
from reviews.evidence import review_evidence

KINDS = {
    "meetings": "Meetings held per board",
    "attendance": "Attendance by partner agency",
    "actions": "Actions raised, completed and overdue",
    "reviews": "Case reviews",
    "recommendations": "Review recommendations and findings",
    "learning": "Learning themes and how learning was shared",
    "funding": "Funding by partner",
    "budget": "Budget against actual",
    "priorities": "Priorities and their impact",
}
NO_REVIEWS = "No case reviews are recorded here for this period."


def gather(report, *, today=None):
    """Every kind of evidence for the report's period, as plain data."""
    start, end = report.start_date, report.end_date
    today = today or timezone.localdate()
    partnership = report.partnership_id
    boards = Board.objects.for_partnership(partnership)
    reviews = review_evidence(partnership=report.partnership, start=start, end=end)
    return {
        "period": {"start": start, "end": end, "as_of": min(today, end)},
        "meetings": [
            {"board": board.name, "held": held}
            for board, held in meetings_held_by_board(partnership, start=start, end=end)
        ],
        "attendance": agency_attendance(partnership, boards=boards, start=start, end=end),
        "actions": action_figures_by_board(partnership, start=start, end=end, as_of=today),
        "reviews": _reviews(reviews),
        "funding": [
            _funding_year(year) for year in funding_for_period(partnership, start=start, end=end)
        ],
        "priorities": [
            {"title": p.title, "impact": p.impact}
            for p in report.priorities.order_by("position", "created_at")
        ],
    }


def _line(line):
    return {
        "reference": line.reference,
        "kind": line.kind,
        "stage": line.stage,
        "started_on": line.started_on,
        "concluded_on": line.concluded_on,
        "published_on": line.published_on,
        "findings": line.findings,
    }


def _reviews(evidence):
    return {
        "recorded": evidence.recorded,
        "notifications": evidence.notifications,
        "rapid_reviews": evidence.rapid_reviews,
        "started": [_line(x) for x in evidence.started],
        "concluded": [_line(x) for x in evidence.concluded],
        "ongoing": [_line(x) for x in evidence.ongoing],
        "published": [_line(x) for x in evidence.published],
        "by_kind": [list(pair) for pair in evidence.by_kind],
        "themes": [list(pair) for pair in evidence.themes],
        "recommendations": [
            {
                "review": r.review,
                "recommendation": r.recommendation,
                "implemented": r.implemented,
                "reason_not_implemented": r.reason_not_implemented,
                "actions": r.actions,
            }
            for r in evidence.recommendations
        ],
        "dissemination": [
            {"date": d.date, "kind": d.kind, "audience": d.audience, "review": d.review}
            for d in evidence.dissemination
        ],
    }


def _funding_year(funding):
    return {
        "label": funding.year.label,
        "target": funding.target,
        "formula": funding.year.get_formula_display(),
        "partners": [
            {
                "name": row.agency.organisation.name,
                "required": row.required,
                "cash_pledged": row.cash_pledged,
                "cash_received": row.cash_received,
                "in_kind": row.in_kind,
                "change": row.change,
            }
            for row in funding.partners
        ],
        "cash_pledged": funding.cash_pledged,
        "cash_received": funding.cash_received,
        "in_kind": funding.in_kind,
        "shortfall": funding.shortfall,
        "budget": [
            {
                "line": line.label,
                "planned": line.planned,
                "actual": line.actual,
                "variance": line.variance,
            }
            for line in funding.budget_lines
        ],
        "planned_total": funding.planned_total,
        "actual_total": funding.actual_total if funding.actual_known else None,
    }


# Freezing: JSON with dates and Decimals kept as themselves -------------------------


class _Encoder(json.JSONEncoder):
    def default(self, value):
        if isinstance(value, Decimal):
            return {"$decimal": str(value)}
        if isinstance(value, datetime.datetime):
            return {"$datetime": value.isoformat()}
        if isinstance(value, datetime.date):
            return {"$date": value.isoformat()}
        return super().default(value)


def _decode(obj):
    if len(obj) == 1:
        if "$decimal" in obj:
            return Decimal(obj["$decimal"])
        if "$date" in obj:
            return datetime.date.fromisoformat(obj["$date"])
        if "$datetime" in obj:
            return datetime.datetime.fromisoformat(obj["$datetime"])
    return obj


def freeze(data):
    """Plain data as JSON-safe data (for a JSONField), losing nothing."""
    return json.loads(json.dumps(data, cls=_Encoder))


def thaw(data):
    return json.loads(json.dumps(data), object_hook=_decode)


# Sentences ready to insert into a narrative ---------------------------------------


def _money(amount):
    from funding.templatetags.money import format_money

    return format_money(amount)


def sentence(kind, evidence):
    """One plain-English sentence summing up a kind of evidence, or ""."""
    if kind == "meetings":
        rows = [r for r in evidence["meetings"] if r["held"]]
        total = sum(r["held"] for r in rows)
        if not total:
            return "No board or group meetings were recorded as held in the period."
        return (
            f"The partnership's boards and groups met {total} time{'s' if total != 1 else ''} "
            f"in the period, across {len(rows)} board{'s' if len(rows) != 1 else ''} and groups."
        )
    if kind == "attendance":
        rows = evidence["attendance"]
        if not rows:
            return "No attendance was recorded in the period."
        meetings = sum(r["meetings"] for r in rows)
        attended = sum(r["attended_by_member"] + r["attended_by_deputy"] for r in rows)
        deputies = sum(r["attended_by_deputy"] for r in rows)
        best = [r["organisation"] for r in rows if r["rate"] == 100]
        text = (
            f"Partner agencies attended {round(100 * attended / meetings)}% of the meetings "
            f"they were members of" + (f" ({deputies} by a deputy)" if deputies else "") + "."
        )
        if best:
            text += f" {len(best)} attended every meeting."
        return text
    if kind == "actions":
        rows = evidence["actions"]
        raised = sum(r["raised"] for r in rows)
        completed = sum(r["completed"] for r in rows)
        overdue = sum(r["overdue"] for r in rows)
        return (
            f"{raised} action{'s were' if raised != 1 else ' was'} raised and {completed} "
            f"completed in the period; {overdue} {'were' if overdue != 1 else 'was'} overdue "
            f"at its end."
        )
    if kind in ("reviews", "recommendations", "learning"):
        reviews = evidence["reviews"]
        if not reviews["recorded"]:
            return NO_REVIEWS
        if kind == "reviews":
            return (
                f"{len(reviews['started'])} review(s) started, {len(reviews['concluded'])} "
                f"concluded and {len(reviews['published'])} published; "
                f"{len(reviews['ongoing'])} ongoing at the end of the period."
            )
        if kind == "recommendations":
            done = sum(1 for r in reviews["recommendations"] if r["implemented"])
            return (
                f"{done} of {len(reviews['recommendations'])} review recommendations were "
                f"implemented in the period."
            )
        return f"Learning was shared {len(reviews['dissemination'])} time(s) in the period."
    if kind in ("funding", "budget"):
        years = evidence["funding"]
        if not years:
            return "No funding is recorded for the period."
        year = years[-1]
        if kind == "funding":
            return (
                f"In {year['label']} the partners pledged {_money(year['cash_pledged'])} in "
                f"cash against a budget of {_money(year['target'])}, and gave "
                f"{_money(year['in_kind'])} in kind."
            )
        if year["actual_total"] is None:
            return f"The {year['label']} budget was {_money(year['planned_total'])}."
        return (
            f"The {year['label']} budget was {_money(year['planned_total'])}; "
            f"{_money(year['actual_total'])} was spent."
        )
    if kind == "priorities":
        count = len(evidence["priorities"])
        return f"The partners worked to {count} agreed priorit{'ies' if count != 1 else 'y'}."
    return ""
