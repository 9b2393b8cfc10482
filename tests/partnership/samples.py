"""Sample kernel objects for the isolation probe (tests/samples.py)."""

from tests.factories import TeamFactory
from tests.samples import sample


@sample("team")
def _team(tenant):
    return TeamFactory(
        partnership=tenant.partnership, name="Business Support Team", members=[tenant.person]
    )
