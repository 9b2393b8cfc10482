"""The completeness check, before a report can be submitted: every statutory
heading without a narrative or without evidence, every priority without a line
on its impact, every review recommendation without an action, and anything
else a report cannot go out without. The National Panel found most yearly
reports gave no evidence of impact: this makes it hard to leave out."""

from dataclasses import dataclass

from .evidence import KINDS


@dataclass(frozen=True)
class Gap:
    message: str
    url: str


def gaps(report, evidence, sections, priorities, signatories):
    """[Gap] in the order the builder shows them; empty means ready to submit."""
    found = []
    for section in sections:
        if not section.is_statutory:
            continue
        if not section.narrative.strip():
            found.append(Gap(f"“{section.heading}” has no narrative", section.get_absolute_url()))
        if section.evidence_suggested and not section.evidence_included:
            found.append(
                Gap(
                    f"“{section.heading}” has no evidence: add "
                    + " or ".join(KINDS[k].lower() for k in section.evidence_suggested[:2]),
                    section.get_absolute_url(),
                )
            )
    if not priorities:
        found.append(Gap("No priorities are listed for the period", report.url("priorities")))
    for priority in priorities:
        if not priority.impact.strip():
            found.append(
                Gap(
                    f"Priority “{priority.title}” has no line on its impact",
                    report.url("priority-edit", priority_uuid=priority.uuid),
                )
            )
    reviews = evidence["reviews"]
    for line in reviews["recommendations"]:
        if not line["actions"] and not line["implemented"]:
            found.append(
                Gap(
                    f"Recommendation “{line['recommendation']}” ({line['review']}) has no action",
                    report.url("detail") + "#reviews",
                )
            )
    if report.covers_children and not report.young_people_summary.strip():
        found.append(
            Gap("The summary for children and young people is not written", report.url("summary"))
        )
    if not signatories:
        found.append(Gap("No one is named to sign the report", report.url("signatories")))
    for signatory in signatories:
        if signatory.person.user_id is None:
            found.append(
                Gap(
                    f"{signatory.person} cannot sign: they have no account here",
                    report.url("signatories"),
                )
            )
    return found
