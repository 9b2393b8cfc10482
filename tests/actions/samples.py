"""Sample action-log objects for the isolation probe (tests/samples.py)."""

import datetime

from django.core.files.base import ContentFile

from actions.models import ActionImport
from tests.samples import sample

from .factories import ActionFactory


@sample("action")
def _action(tenant):
    # Owned by the board member, on the board they sit on.
    return ActionFactory(
        board=tenant.board,
        owners=[tenant.person],
        description="Circulate the neglect strategy to partners",
        due_date=datetime.date(2026, 3, 31),
        acting_user=tenant.users["business_manager"],
    )


@sample("action_import")
def _action_import(tenant):
    upload = ActionImport(
        partnership=tenant.partnership,
        board=tenant.board,
        uploaded_by=tenant.users["business_manager"],
        filename="tracker.csv",
        file_type="csv",
        mapping={"number": "0", "description": "1", "owners": "2"},
    )
    upload.file.save(
        "tracker.csv",
        ContentFile(b"No,Action,Owner\n7,Draft the letter to partners,All\n"),
        save=False,
    )
    upload.save()
    return upload


@sample("subgroup_action")
def _subgroup_action(tenant):
    """On the subgroup, where the board member does not sit (though they own it)."""
    return ActionFactory(
        board=tenant.subgroup,
        owners=[tenant.person],
        description="Audit the Q&E dataset",
        acting_user=tenant.users["business_manager"],
    )


@sample("confidential_action")
def _confidential_action(tenant):
    """Raised at a confidential item, owned by the board member: observers may not
    know it exists."""
    item = tenant.sample("confidential_item")
    return ActionFactory(
        board=tenant.board,
        owners=[tenant.person],
        origin_item=item,
        description="Refer Family M's case to the practice review group",
        acting_user=tenant.users["business_manager"],
    )
