from partnership.models import Role

from ..tenancy.probes import Probe

MANAGER = frozenset({Role.BUSINESS_MANAGER.value})
BUSINESS_UNIT = frozenset({Role.BUSINESS_MANAGER.value, Role.BUSINESS_OFFICER.value})
DRAFT_READERS = BUSINESS_UNIT | {Role.INDEPENDENT_CHAIR.value}


def _report(t):
    # A draft: only the business unit and the independent chair see it (and its
    # evidence); every member sees a published one (tests/dashboard/test_reports.py).
    return {"period": t.sample("annual_report").period}


def _in_report(name, sample_name):
    return lambda t: {**_report(t), name: t.sample(sample_name).uuid}


PROBES = {
    "dashboard:overview": Probe(),
    "dashboard:board-detail": Probe(
        lambda t: {"board_uuid": t.board.uuid},
        off_board=lambda t: {"board_uuid": t.subgroup.uuid},
    ),
    "dashboard:audit-log": Probe(allowed=MANAGER),
    "dashboard:audit-export": Probe(allowed=MANAGER),
    "reports:list": Probe(),
    "reports:create": Probe(allowed=BUSINESS_UNIT, posts=True),
    "reports:detail": Probe(_report, allowed=DRAFT_READERS, denied=404),
    "reports:edit": Probe(_report, allowed=BUSINESS_UNIT, posts=True),
    "reports:summary": Probe(_report, allowed=BUSINESS_UNIT, posts=True),
    "reports:section": Probe(
        _in_report("section_uuid", "report_section"), allowed=DRAFT_READERS, denied=404
    ),
    "reports:priorities": Probe(_report, allowed=BUSINESS_UNIT, posts=True),
    "reports:priority-edit": Probe(
        _in_report("priority_uuid", "report_priority"), allowed=BUSINESS_UNIT, posts=True
    ),
    "reports:signatories": Probe(_report, allowed=BUSINESS_UNIT, posts=True),
    # Confirmation pages: their POSTs are tested in tests/dashboard/test_reports.py.
    "reports:signatory-remove": Probe(
        _in_report("signatory_uuid", "report_signatory"), allowed=BUSINESS_UNIT
    ),
    "reports:preview": Probe(_report, allowed=DRAFT_READERS, denied=404),
    # A draft: nothing to submit yet in the sample (the completeness check lists gaps).
    "reports:submit": Probe(_report, allowed=BUSINESS_UNIT),
    "reports:return": Probe(_report, allowed=frozenset(), denied=403),
    "reports:signing-pdf": Probe(_report, allowed=frozenset(), denied=404),
    # Nobody may sign a draft: the page is not there (404) until it is submitted.
    "reports:sign": Probe(_report, allowed=frozenset(), denied=404),
    "reports:publish": Probe(_report, allowed=frozenset(), denied=403),
    "reports:status": Probe(_report, allowed=DRAFT_READERS, denied=404),
    "reports:pdf": Probe(_report, allowed=frozenset(), denied=404),
    "reports:summary-pdf": Probe(_report, allowed=frozenset(), denied=404),
    "reports:chart": Probe(
        lambda t: {**_report(t), "kind": "meetings"}, allowed=DRAFT_READERS, denied=404
    ),
    "reports:recipient-sent": Probe(
        _in_report("recipient_uuid", "report_recipient"), allowed=frozenset(), denied=403
    ),
}
