"""Demo funding for each demo partnership, in the shape the examples describe:
the three safeguarding partners fund the arrangements in cash by a formula
(Walsall's "equitable and proportionate" allocations, Herefordshire's "cash
contribution required from the three partners"), relevant agencies add a
little cash or give in kind (training capacity, a venue), and a shortfall is
chased. Two years: last year closed and paid, this year in progress.
Idempotent: a partnership with any financial year is left alone."""

import datetime
from decimal import Decimal

from django.utils import timezone

from partnership.models import PartnerAgency

from . import services
from .models import Contribution, FinancialYear

D = Decimal

# Per partnership: target this year and last, the formula (None: equal shares,
# else percentages by organisation key) and the budget, planned (and last year's
# actual).
PLANS = {
    "dudley": {
        "target": D("250000.00"),
        "last_target": D("240000.00"),
        "percentages": None,
        "budget": [
            ("chair", "Independent chair and scrutineer (2 days a month)", "45000", "46200"),
            ("staff", "Business manager, officer and administrator", "150000", "148900"),
            ("reviewers", "Independent reviewers for practice reviews", "25000", "31500"),
            ("training", "Multi-agency training programme", "20000", "17750"),
            ("communications", "Website and campaigns for young people", "5000", "4820"),
            ("other", "Venues, subscriptions and the annual conference", "5000", "6100"),
        ],
    },
    "herefordshire": {
        "target": D("186500.00"),
        "last_target": D("180000.00"),
        "percentages": {"herefordshire_council": "50", "west_mercia_police": "25", "hw_icb": "25"},
        "budget": [
            ("chair", "Independent chair", "36000", "36000"),
            ("staff", "Safeguarding business unit", "118000", "121350"),
            ("reviewers", "Lead reviewers", "18000", "12400"),
            ("training", "Training and learning events", "9500", "8800"),
            ("communications", "Website", "5000", "5000"),
        ],
    },
    "walsall": {
        "target": D("421750.00"),
        "last_target": D("410000.00"),
        "percentages": {"walsall_council": "45.5", "bc_icb": "33.5", "wmp": "21"},
        "budget": [
            ("chair", "Independent chair for children and adults", "52000", "52000"),
            ("staff", "Joint business unit", "265000", "259300"),
            ("reviewers", "CSPR and SAR reviewers", "60000", "71250"),
            ("training", "Practice Development Subgroup programme", "30000", "27400"),
            ("communications", "Website, newsletters and the engagement strategy", "9750", "8900"),
            ("other", "Venues and the annual conference", "5000", "4650"),
        ],
    },
}

# Organisation names as in partnership/demo/data.py, by the key used there.
KEYS = {
    "herefordshire_council": "Herefordshire Council",
    "west_mercia_police": "West Mercia Police",
    "hw_icb": "NHS Herefordshire and Worcestershire Integrated Care Board",
    "walsall_council": "Walsall Council",
    "bc_icb": "NHS Black Country Integrated Care Board",
    "wmp": "West Midlands Police",
}


def _current_start(partnership, today):
    month = partnership.financial_year_start_month
    year = today.year if today.month >= month else today.year - 1
    return year


def seed(demo):
    partnership = demo.partnership
    plan = PLANS.get(partnership.slug)
    if plan is None or FinancialYear.objects.for_partnership(partnership).exists():
        return
    manager = demo.users["business_manager"][0]
    today = timezone.localdate()
    this = _current_start(partnership, today)
    agencies = list(
        PartnerAgency.objects.for_partnership(partnership).select_related("organisation")
    )
    statutory = [a for a in agencies if a.kind == PartnerAgency.Kind.STATUTORY]
    relevant = [a for a in agencies if a.kind == PartnerAgency.Kind.RELEVANT]
    by_name = {a.organisation.name: a for a in agencies}
    shares = dict.fromkeys(statutory)
    formula = FinancialYear.Formula.EQUAL
    if plan["percentages"]:
        formula = FinancialYear.Formula.PERCENTAGES
        shares = {by_name[KEYS[key]]: D(pct) for key, pct in plan["percentages"].items()}

    last = services.financial_year_create(
        partnership=partnership,
        starts_in=this - 1,
        target_budget=plan["last_target"],
        notes="Agreed by the safeguarding partners at the executive meeting in January.",
        acting_user=manager,
    )
    services.funding_formula_set(year=last, formula=formula, shares=shares, acting_user=manager)
    for category, description, planned, actual in plan["budget"]:
        services.budget_line_create(
            year=last,
            data={
                "category": category,
                "description": description,
                "planned": (D(planned) * plan["last_target"] / plan["target"]).quantize(D("1")),
                "actual": D(actual),
            },
            acting_user=manager,
        )
    _last_year_paid(last, manager)

    current = services.financial_year_create(
        partnership=partnership,
        starts_in=this,
        target_budget=plan["target"],
        notes="Contributions agreed in principle; the ICB's share awaits its board's approval.",
        acting_user=manager,
    )
    services.funding_formula_set(year=current, formula=formula, shares=shares, acting_user=manager)
    for line, (_, _, planned, _) in zip(
        current.budget_lines.order_by("category", "description"),
        sorted(plan["budget"], key=lambda row: (row[0], row[1])),
        strict=True,
    ):
        services.budget_line_update(line=line, data={"planned": D(planned)}, acting_user=manager)
    _this_year_in_progress(current, relevant, manager, today)


def _required(year):
    from .selectors import year_funding

    funding = year_funding(
        year, agencies=PartnerAgency.objects.for_partnership(year.partnership_id), sees_all=True
    )
    return {row.agency: row.required for row in funding.partners if row.in_formula}


def _last_year_paid(year, manager):
    start = year.start_date
    for index, (agency, required) in enumerate(_required(year).items()):
        services.contribution_create(
            year=year,
            agency=agency,
            data={
                "kind": "cash",
                "amount": required,
                "status": "received",
                "pledged_on": start - datetime.timedelta(days=60),
                "invoiced_on": start + datetime.timedelta(days=30),
                "invoice_reference": f"SP-{start.year}-{index + 1:03d}",
                "received_on": start + datetime.timedelta(days=75 + 20 * index),
            },
            acting_user=manager,
        )


def _this_year_in_progress(year, relevant, manager, today):
    """The police have paid, the council is invoiced, health has pledged part of
    its share (the shortfall) and was chased twice; a relevant agency adds cash
    and another gives in kind."""
    start = year.start_date
    required = list(_required(year).items())
    days = datetime.timedelta
    for index, (agency, amount) in enumerate(required):
        kind = agency.organisation.kind
        data = {
            "kind": "cash",
            "pledged_on": start - days(days=45),
            "invoice_reference": f"SP-{start.year}-{index + 1:03d}",
        }
        if kind == "police":
            data.update(
                amount=amount,
                status="received",
                invoiced_on=start + days(days=20),
                received_on=min(start + days(days=50), today),
            )
        elif kind == "icb":
            short = (amount * D("0.8")).quantize(D("1"))
            data.update(
                amount=short,
                status="invoiced",
                invoiced_on=start + days(days=20),
                notes="Pledged 80% pending the ICB board's approval of the rest.",
            )
        else:
            data.update(
                amount=amount, status="invoiced", invoiced_on=min(start + days(days=20), today)
            )
        if data.get("invoiced_on") and data["invoiced_on"] > today:
            data.update(status="pledged", invoiced_on=None)
        if data.get("received_on") and data["received_on"] > today:
            data.update(status="pledged", received_on=None, invoiced_on=None)
        services.contribution_create(year=year, agency=agency, data=data, acting_user=manager)
        if kind == "icb":
            for ago, note in (
                (40, "Emailed the ICB's director of finance: 20% of the share still to pledge."),
                (12, "Raised at the executive group; the ICB will confirm after its board."),
            ):
                services.funding_chase_record(
                    year=year,
                    agency=agency,
                    chased_on=max(today - days(days=ago), start),
                    note=note,
                    acting_user=manager,
                )
        if agency.organisation.kind == "local_authority":
            services.contribution_create(
                year=year,
                agency=agency,
                data={
                    "kind": Contribution.Kind.IN_KIND,
                    "amount": D("12500.00"),
                    "description": "Training capacity: two trainers for the multi-agency programme",
                    "status": "pledged",
                    "pledged_on": start - days(days=45),
                },
                acting_user=manager,
            )
    gifts = [
        ("fire", "in_kind", D("1800.00"), "Venue and catering for the development day"),
        ("probation", "cash", D("2500.00"), ""),
        ("nhs_trust", "in_kind", D("3200.00"), "Named nurse time for the learning events"),
    ]
    for agency in relevant:
        for kind_of_organisation, kind, amount, description in gifts:
            if agency.organisation.kind == kind_of_organisation:
                services.contribution_create(
                    year=year,
                    agency=agency,
                    data={
                        "kind": kind,
                        "amount": amount,
                        "description": description,
                        "status": "pledged",
                        "pledged_on": start,
                    },
                    acting_user=manager,
                )
                break
