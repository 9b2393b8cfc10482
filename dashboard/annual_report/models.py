"""The annual report: the children's yearly report, the Safeguarding Adults
Board's annual report, or one combined report, for one twelve-month period.

A report is built from sections (headings from a template per kind, each with a
narrative and the evidence the business unit chose to include), priorities with
a line on their impact, a summary for children and young people, the people who
sign it and the people it is sent to. It moves draft -> submitted (its content
frozen in `snapshot`, a signing copy rendered and its SHA-256 kept) -> signed
off (every signatory re-entered their password: a ReportSignOff each, never
changed or deleted) -> published (the PDF rendered once, stored and served
unchanged for ever after, whatever the data does later)."""

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import F, Q

from partnership.links import reverse
from partnership.tenancy import TenantModel


def _upload_to(report, filename):
    return f"annual-reports/{report.partnership_id}/{report.uuid}/{filename}"


def period_label(start, end, sep="-"):
    """2022-23 for a period from 2022 into 2023; 2022 for a calendar year."""
    if start.year == end.year:
        return str(start.year)
    return f"{start.year}{sep}{end.year % 100:02d}"


class AnnualReport(TenantModel):
    class Kind(models.TextChoices):
        CHILDREN = "children", "Children's safeguarding partnership yearly report"
        ADULTS = "adults", "Safeguarding Adults Board annual report"
        COMBINED = "combined", "Combined report for children and adults"

    class Headings(models.TextChoices):
        STATUTORY = "statutory", "The statutory content (Working Together 2023)"
        ARRANGEMENTS = "arrangements", "Our arrangements' headings (Walsall, section 10.2)"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SUBMITTED = "submitted", "Submitted for sign-off"
        SIGNED_OFF = "signed_off", "Signed off"
        PUBLISHED = "published", "Published"

    kind = models.CharField(max_length=10, choices=Kind.choices)
    headings = models.CharField(
        "headings", max_length=20, choices=Headings.choices, default=Headings.STATUTORY
    )
    title = models.CharField(max_length=200)
    start_date = models.DateField("period starts")
    end_date = models.DateField("period ends")
    period = models.CharField(max_length=10, help_text="As in its address: 2025-26")
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    send_within_days = models.PositiveSmallIntegerField(
        "send within (days)",
        default=7,
        help_text="Days after publication to send the report to those it goes to",
    )
    send_within_working_days = models.BooleanField("count working days only", default=False)
    young_people_summary = models.TextField(
        "summary for children and young people",
        blank=True,
        help_text="In plain words a young person would use: what the partnership did and why",
    )
    # Optimistic locking for the report's own fields (sections have their own).
    version = models.PositiveIntegerField(default=1)
    snapshot = models.JSONField(null=True, blank=True, editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    signing_pdf = models.FileField(upload_to=_upload_to, blank=True, max_length=300)
    signing_sha256 = models.CharField(max_length=64, blank=True)
    signing_job = models.ForeignKey(
        "documents.DocumentJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    signed_off_at = models.DateTimeField(null=True, blank=True)
    publish_job = models.ForeignKey(
        "documents.DocumentJob", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    report_pdf = models.FileField(upload_to=_upload_to, blank=True, max_length=300)
    report_sha256 = models.CharField(max_length=64, blank=True)
    summary_pdf = models.FileField(upload_to=_upload_to, blank=True, max_length=300)
    summary_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["-start_date"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "period"], name="report_period_once"),
            models.UniqueConstraint(fields=["partnership", "start_date"], name="report_start_once"),
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")), name="report_ends_after_it_starts"
            ),
            models.CheckConstraint(
                condition=~Q(status="published")
                | (~Q(report_sha256="") & Q(published_at__isnull=False)),
                name="report_published_has_its_pdf",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(snapshot__isnull=False),
                name="report_submitted_is_frozen",
            ),
        ]
        triggers = [
            # Once published, the stored PDFs and their hashes never change.
            pgtrigger.Protect(
                name="report_published_pdf_is_kept",
                operation=pgtrigger.Update,
                condition=~pgtrigger.Q(old__report_sha256="")
                & (
                    pgtrigger.Q(new__report_sha256__df=pgtrigger.F("old__report_sha256"))
                    | pgtrigger.Q(new__report_pdf__df=pgtrigger.F("old__report_pdf"))
                    | pgtrigger.Q(new__summary_pdf__df=pgtrigger.F("old__summary_pdf"))
                    | pgtrigger.Q(new__summary_sha256__df=pgtrigger.F("old__summary_sha256"))
                    | pgtrigger.Q(new__snapshot__df=pgtrigger.F("old__snapshot"))
                    | pgtrigger.Q(new__status__df=pgtrigger.F("old__status"))
                ),
            ),
            pgtrigger.Protect(
                name="report_published_is_not_deleted",
                operation=pgtrigger.Delete,
                condition=pgtrigger.Q(old__status="published"),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.url("detail")

    def url(self, name, **kwargs):
        return reverse(
            f"reports:{name}",
            kwargs={"partnership_slug": self.partnership.slug, "period": self.period, **kwargs},
        )

    @property
    def covers_children(self):
        return self.kind in (self.Kind.CHILDREN, self.Kind.COMBINED)

    @property
    def covers_adults(self):
        return self.kind in (self.Kind.ADULTS, self.Kind.COMBINED)

    @property
    def is_draft(self):
        return self.status == self.Status.DRAFT

    @property
    def is_published(self):
        return self.status == self.Status.PUBLISHED

    @property
    def period_words(self):
        return f"{self.start_date:%-d %B %Y} to {self.end_date:%-d %B %Y}"


class ReportSection(TenantModel):
    """One heading of the report: its narrative and the evidence included."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField()
    key = models.CharField(max_length=40)
    part = models.CharField(max_length=100, blank=True, help_text="For example, Adults")
    heading = models.CharField(max_length=300)
    guidance = models.TextField(blank=True)
    is_statutory = models.BooleanField(default=True)
    evidence_suggested = models.JSONField(default=list, blank=True)
    evidence_included = models.JSONField(default=list, blank=True)
    narrative = models.TextField(blank=True)
    version = models.PositiveIntegerField(default=0)

    tenant_parent = "report"

    class Meta:
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="report_section_key_once"),
            models.UniqueConstraint(
                fields=["report", "position"],
                name="report_section_position_once",
                deferrable=models.Deferrable.DEFERRED,
            ),
        ]

    def __str__(self):
        return self.heading

    def get_absolute_url(self):
        return self.report.url("section", section_uuid=self.uuid)


class ReportPriority(TenantModel):
    """A priority the partners agreed for the period, with a line on its impact."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="priorities")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField("priority", max_length=300)
    impact = models.TextField(
        "impact",
        blank=True,
        help_text="What difference it made for children, young people, adults and families, "
        "and how you know (not only who attended)",
    )

    tenant_parent = "report"

    class Meta:
        ordering = ["report", "position", "created_at"]

    def __str__(self):
        return self.title


class ReportSignatory(TenantModel):
    """Someone the arrangements name to sign the report, in the capacity they sign in."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="signatories")
    person = models.ForeignKey("partnership.Person", on_delete=models.PROTECT, related_name="+")
    capacity = models.CharField(
        max_length=200, help_text="For example, Chief Constable, West Midlands Police"
    )
    is_scrutineer = models.BooleanField(
        "gives the independent scrutineer's statement", default=False
    )
    position = models.PositiveSmallIntegerField(default=0)

    tenant_parent = "report"

    class Meta:
        ordering = ["report", "position", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["report", "person"], name="report_signatory_once")
        ]

    def __str__(self):
        return f"{self.person}, {self.capacity}"


class ReportSignOff(TenantModel):
    """A signatory's signature: who, when, and the SHA-256 of the PDF they
    signed. Never changed or deleted (the database refuses both)."""

    report = models.ForeignKey(AnnualReport, on_delete=models.PROTECT, related_name="sign_offs")
    signatory = models.ForeignKey(
        ReportSignatory, on_delete=models.PROTECT, related_name="sign_offs"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(max_length=200)
    capacity = models.CharField(max_length=200)
    signed_at = models.DateTimeField()
    sha256 = models.CharField(max_length=64)
    statement = models.TextField(blank=True)

    tenant_parent = "report"

    class Meta:
        ordering = ["report", "signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["signatory", "sha256"], name="report_sign_off_once_per_version"
            )
        ]
        triggers = [
            pgtrigger.Protect(
                name="report_sign_off_is_final", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self):
        return f"Signed by {self.name} on {self.signed_at:%-d %B %Y}"


class ReportRecipient(TenantModel):
    """Someone the published report must be sent to, and when it was."""

    report = models.ForeignKey(AnnualReport, on_delete=models.CASCADE, related_name="recipients")
    name = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField(default=0)
    sent_on = models.DateField("sent on", null=True, blank=True)
    sent_how = models.CharField("how it was sent", max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    tenant_parent = "report"

    class Meta:
        ordering = ["report", "position"]

    def __str__(self):
        return self.name
