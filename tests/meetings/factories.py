import datetime
import io
import zipfile

import factory
from django.core.files.base import ContentFile

from meetings.demo import simple_pdf
from meetings.models import (
    AgendaItem,
    Attendance,
    ForwardPlanItem,
    ItemMinutes,
    Meeting,
    MeetingSettings,
    Paper,
    StandingItem,
)

from ..factories import BoardFactory, PersonFactory, TenantFactory


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


class ItemMinutesFactory(TenantFactory):
    class Meta:
        model = ItemMinutes

    item = factory.SubFactory(AgendaItemFactory)
    discussion = "<p>The Chair welcomed all to the meeting.</p>"
    version = 1


class AttendanceFactory(TenantFactory):
    class Meta:
        model = Attendance

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(
        PersonFactory, partnership=factory.SelfAttribute("..meeting.partnership")
    )
    status = Attendance.Status.PRESENT


def docx_bytes(*, macros=False):
    """A minimal Word document (the parts a .docx must have)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        if macros:
            archive.writestr("word/vbaProject.bin", b"\0macro")
    return out.getvalue()


def xlsx_bytes():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


class PaperFactory(TenantFactory):
    class Meta:
        model = Paper

    item = factory.SubFactory(AgendaItemFactory)
    title = "Quality and Effectiveness Group feedback"
    file_name = "feedback.pdf"
    file_type = "pdf"
    file = factory.LazyAttribute(
        lambda paper: ContentFile(simple_pdf(paper.title, ["A paper."]), name="paper.pdf")
    )
    size = factory.LazyAttribute(lambda paper: paper.file.size)
    sha256 = "0" * 64


class ForwardPlanItemFactory(TenantFactory):
    class Meta:
        model = ForwardPlanItem

    board = factory.SubFactory(BoardFactory)
    title = "Section 11 audit findings"
    month = datetime.date(2030, 3, 1)


class StandingItemFactory(TenantFactory):
    class Meta:
        model = StandingItem

    board = factory.SubFactory(BoardFactory)
    position = factory.Sequence(lambda n: n + 1)
    title = "Voice of the child"


class MeetingSettingsFactory(TenantFactory):
    class Meta:
        model = MeetingSettings

    board = factory.SubFactory(BoardFactory)
