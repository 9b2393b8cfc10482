import datetime

import factory

from meetings.models import AgendaItem, Meeting

from ..factories import BoardFactory, TenantFactory


class MeetingFactory(TenantFactory):
    class Meta:
        model = Meeting

    board = factory.SubFactory(BoardFactory)
    date = datetime.date(2019, 12, 18)
    start_time = datetime.time(13, 0)
    end_time = datetime.time(14, 30)
    venue = "Mordiford Room, Plough Lane, Hereford"


class AgendaItemFactory(TenantFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    position = factory.Sequence(lambda n: n + 1)
    number = factory.LazyAttribute(lambda item: str(item.position))
    title = factory.Sequence(lambda n: f"Agenda item {n}")
