"""Every funding URL for the isolation probe (tests/tenancy). In the standard
cast nobody but the business unit and the independent chair works at a partner
agency, so only they have figures to see; tests/funding/test_permissions.py
covers members at partner agencies (each sees their own agency only)."""

from tests.tenancy.probes import BUSINESS_UNIT, Probe

SEE_ALL = BUSINESS_UNIT | {"independent_chair"}


def _year(t):
    return {"year": t.sample("funding_year").slug}


def _agency(t):
    return {**_year(t), "agency_uuid": t.agency.uuid}


PROBES = {
    "funding:years": Probe(allowed=SEE_ALL),
    "funding:year-create": Probe(allowed=BUSINESS_UNIT, posts=True),
    "funding:year": Probe(_year, allowed=SEE_ALL),
    "funding:year-edit": Probe(_year, allowed=BUSINESS_UNIT, posts=True),
    "funding:formula": Probe(_year, allowed=BUSINESS_UNIT, posts=True),
    "funding:export-csv": Probe(_year, allowed=SEE_ALL),
    "funding:export-xlsx": Probe(_year, allowed=SEE_ALL),
    "funding:line-create": Probe(_year, allowed=BUSINESS_UNIT, posts=True),
    "funding:line-edit": Probe(
        lambda t: {**_year(t), "line_uuid": t.sample("budget_line").uuid},
        allowed=BUSINESS_UNIT,
        posts=True,
    ),
    # A confirmation page: its POST is tested in test_views (refused roles change nothing).
    "funding:line-remove": Probe(
        lambda t: {**_year(t), "line_uuid": t.sample("budget_line").uuid}, allowed=BUSINESS_UNIT
    ),
    "funding:contribution-create": Probe(_year, allowed=BUSINESS_UNIT, posts=True),
    "funding:contribution-edit": Probe(
        lambda t: {**_year(t), "contribution_uuid": t.sample("contribution").uuid},
        allowed=BUSINESS_UNIT,
        posts=True,
    ),
    "funding:agency": Probe(_agency, allowed=SEE_ALL),
    "funding:chase": Probe(_agency, allowed=BUSINESS_UNIT, posts=True),
}
