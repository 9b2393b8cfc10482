"""Every case review URL for the isolation probe (tests/tenancy). Cases are
confidential: the business unit and the independent chair see them; members,
minute takers and observers (on no panel) are told they do not exist (404)."""

from tests.tenancy.probes import BUSINESS_UNIT, EVERYONE, Probe

VIEWERS = BUSINESS_UNIT | {"independent_chair"}
HIDDEN = EVERYONE - VIEWERS
CHAIR = frozenset({"independent_chair"})
# Partners on a panel ask for changes; the chair scrutinises.
REQUESTERS = BUSINESS_UNIT


def _case(t, name="case"):
    return {"case_uuid": t.sample(name).uuid}


def _version(t):
    return {**_case(t), "version_uuid": t.sample("version").uuid}


def _case_edit(kwargs=_case, **extra):
    """A case page only the business unit may use: the chair is refused (403),
    everyone else told it does not exist (404)."""
    return Probe(kwargs, allowed=BUSINESS_UNIT, hidden=HIDDEN, **extra)


PROBES = {
    "reviews:register": Probe(),
    "reviews:register-csv": Probe(allowed=VIEWERS),
    "reviews:register-xlsx": Probe(allowed=VIEWERS),
    "reviews:clocks": Probe(allowed=VIEWERS),
    "reviews:summary-pdf": Probe(allowed=VIEWERS),
    "reviews:retention": Probe(allowed=BUSINESS_UNIT),
    "reviews:settings": Probe(allowed=BUSINESS_UNIT, posts=True),
    "reviews:clock-rule-create": Probe(allowed=BUSINESS_UNIT, posts=True),
    "reviews:clock-rule-edit": Probe(
        lambda t: {"rule_uuid": t.sample("clock_rule").uuid}, allowed=BUSINESS_UNIT, posts=True
    ),
    "reviews:theme-create": Probe(allowed=BUSINESS_UNIT, posts=True),
    "reviews:theme-edit": Probe(
        lambda t: {"theme_uuid": t.sample("theme").uuid}, allowed=BUSINESS_UNIT, posts=True
    ),
    "reviews:signatory-add": Probe(allowed=BUSINESS_UNIT, posts=True),
    "reviews:signatory-remove": Probe(
        lambda t: {"signatory_uuid": t.sample("signatory").uuid}, allowed=BUSINESS_UNIT
    ),
    "reviews:case-create": Probe(allowed=BUSINESS_UNIT, posts=True),
    "reviews:case-detail": Probe(_case, allowed=VIEWERS, hidden=HIDDEN),
    "reviews:case-edit": _case_edit(posts=True),
    "reviews:case-identifiers": _case_edit(posts=True),
    "reviews:case-link-add": _case_edit(posts=True),
    "reviews:case-panel": _case_edit(posts=True),
    "reviews:panel-revoke": _case_edit(
        lambda t: {**_case(t), "membership_uuid": t.memberships["member"].uuid}
    ),
    "reviews:case-access": Probe(_case, allowed=frozenset({"business_manager"}), hidden=HIDDEN),
    "reviews:case-access-csv": Probe(_case, allowed=frozenset({"business_manager"}), hidden=HIDDEN),
    "reviews:retention-decision": _case_edit(posts=True),
    "reviews:rapid-review": _case_edit(posts=True),
    "reviews:rapid-decision": _case_edit(posts=True),
    "reviews:rapid-sign-off": _case_edit(posts=True),
    "reviews:review-edit": _case_edit(posts=True),
    "reviews:review-stage": _case_edit(posts=True),
    "reviews:family-contact-add": _case_edit(posts=True),
    "reviews:qa-add": _case_edit(lambda t: _case(t, "dardr_case"), posts=True),
    "reviews:qa-edit": _case_edit(
        lambda t: {**_case(t, "dardr_case"), "submission_uuid": t.sample("qa_submission").uuid},
        posts=True,
    ),
    # Fifteen checkboxes: an empty form is a valid answer (none met yet), so
    # refused POSTs are tested in tests/reviews/test_views.py instead.
    "reviews:quality-markers": _case_edit(lambda t: _case(t, "sar_case")),
    "reviews:publication": _case_edit(posts=True),
    "reviews:recommendation-add": _case_edit(posts=True),
    "reviews:recommendation-edit": _case_edit(
        lambda t: {**_case(t), "recommendation_uuid": t.sample("recommendation").uuid},
        posts=True,
    ),
    "reviews:recommendation-action": _case_edit(
        lambda t: {**_case(t), "recommendation_uuid": t.sample("recommendation").uuid},
        posts=True,
    ),
    "reviews:dissemination-add": _case_edit(posts=True),
    "reviews:version-upload": _case_edit(posts=True),
    "reviews:version-detail": Probe(_version, allowed=VIEWERS, hidden=HIDDEN),
    "reviews:version-download": Probe(_version, allowed=VIEWERS, hidden=HIDDEN),
    "reviews:version-sign": Probe(_version, allowed=CHAIR, hidden=HIDDEN, posts=True),
    "reviews:change-request-add": Probe(_version, allowed=REQUESTERS, hidden=HIDDEN, posts=True),
    "reviews:change-request-answer": _case_edit(
        lambda t: {**_version(t), "request_uuid": t.sample("change_request").uuid}, posts=True
    ),
}
