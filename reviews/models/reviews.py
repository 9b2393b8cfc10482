"""The rapid review, and the review that may follow it: stages, report versions
(stored privately, with their SHA-256), partners' change requests, the family
engagement log, the Home Office quality assurance rounds of a DARDR, SCIE's
quality markers of a SAR, sign-off (immutable) and publication."""

import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils import timezone

from partnership.links import reverse
from partnership.tenancy import TenantModel

from .cases import Case, ReviewType


class RapidReview(TenantModel):
    class Recommendation(models.TextChoices):
        LCSPR = "lcspr", "A local child safeguarding practice review (LCSPR)"
        SAR = "sar", "A safeguarding adult review (SAR)"
        LLB = "llb", "A lessons learned briefing (LLB)"
        SEVEN_MINUTE = "7mb", "A 7-minute briefing (7MB)"
        ALTERNATIVE = "alternative", "An alternative learning review"
        NONE = "none", "No further review"

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="rapid_review")
    meeting_date = models.DateField("date of the rapid review meeting", null=True, blank=True)
    agencies = models.ManyToManyField(
        "partnership.PartnerAgency",
        through="RapidReviewAgency",
        related_name="+",
        verbose_name="agencies taking part",
    )
    facts = models.TextField("facts established", blank=True)
    immediate_actions = models.TextField("immediate safety actions", blank=True)
    learning_potential = models.TextField("potential for learning", blank=True)
    recommendation = models.CharField(max_length=20, choices=Recommendation.choices, blank=True)
    rationale = models.TextField(blank=True)
    decided_on = models.DateField("date decided", null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    sent_to_panel_on = models.DateField("date sent to the National Panel", null=True, blank=True)
    panel_response_on = models.DateField("date of the Panel's response", null=True, blank=True)
    panel_response = models.TextField("the Panel's response", blank=True)

    tenant_parent = "case"

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_on__isnull=True)
                | (~Q(recommendation="") & ~Q(rationale="") & Q(decided_by__isnull=False)),
                name="rapid_review_decision_is_whole",
            ),
            models.CheckConstraint(
                condition=Q(panel_response="") | Q(panel_response_on__isnull=False),
                name="rapid_review_panel_response_dated",
            ),
        ]

    def __str__(self):
        return f"Rapid review of {self.case.reference}"


class RapidReviewAgency(TenantModel):
    rapid_review = models.ForeignKey(RapidReview, on_delete=models.CASCADE, related_name="+")
    agency = models.ForeignKey(
        "partnership.PartnerAgency", on_delete=models.PROTECT, related_name="+"
    )

    tenant_parent = "rapid_review"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["rapid_review", "agency"], name="rapid_review_agency_once"
            )
        ]


class RapidReviewSignOff(TenantModel):
    """One of the three safeguarding partners (lead or delegated) signing off the
    rapid review."""

    class Partner(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        POLICE = "police", "Police"
        HEALTH = "health", "Health (integrated care board)"

    class Capacity(models.TextChoices):
        LEAD = "lead", "Lead safeguarding partner"
        DELEGATED = "delegated", "Delegated safeguarding partner"

    rapid_review = models.ForeignKey(
        RapidReview, on_delete=models.CASCADE, related_name="sign_offs"
    )
    partner = models.CharField(max_length=20, choices=Partner.choices)
    capacity = models.CharField(max_length=10, choices=Capacity.choices)
    name = models.CharField("signed by", max_length=200)
    signed_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    tenant_parent = "rapid_review"

    class Meta:
        ordering = ["rapid_review_id", "partner"]
        constraints = [
            models.UniqueConstraint(
                fields=["rapid_review", "partner"], name="rapid_review_one_sign_off_per_partner"
            )
        ]

    def __str__(self):
        return f"{self.get_partner_display()}: {self.name}"


class Stage(models.TextChoices):
    COMMISSIONED = "commissioned", "Commissioned"
    TOR_AGREED = "tor_agreed", "Terms of reference agreed"
    INFORMATION_GATHERING = "information_gathering", "Information gathering"
    PRACTITIONER_EVENT = "practitioner_event", "Practitioner event"
    DRAFTING = "drafting", "Drafting"
    FAMILY_ENGAGEMENT = "family_engagement", "Family engagement"
    FINAL_DRAFT = "final_draft", "Final draft"
    SIGNED_OFF = "signed_off", "Signed off"
    PUBLISHED = "published", "Published"
    NOT_PUBLISHED = "not_published", "Not published"


class Review(TenantModel):
    """The review that follows the decision (LCSPR, SAR, LLB...)."""

    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="review")
    lead_reviewer = models.ForeignKey(
        "partnership.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="May be an independent reviewer without an account",
    )
    commissioned_on = models.DateField("date commissioned", null=True, blank=True)
    stage = models.CharField(max_length=30, choices=Stage.choices, default=Stage.COMMISSIONED)
    not_published_reason = models.TextField("why it is not published", blank=True)
    signed_off_on = models.DateField(null=True, blank=True)
    sar_library_submitted_on = models.DateField(
        "date submitted to the national SAR library", null=True, blank=True
    )

    tenant_parent = "case"

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=~Q(stage="not_published") | ~Q(not_published_reason=""),
                name="review_not_published_has_a_reason",
            ),
            models.CheckConstraint(
                condition=~Q(stage__in=["signed_off", "published", "not_published"])
                | Q(signed_off_on__isnull=False),
                name="review_signed_off_has_a_date",
            ),
        ]

    def __str__(self):
        return f"Review of {self.case.reference}"


class StageChange(TenantModel):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(max_length=30, choices=Stage.choices, blank=True)
    to_stage = models.CharField(max_length=30, choices=Stage.choices)
    note = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    tenant_parent = "review"

    class Meta:
        ordering = ["review_id", "created_at", "pk"]

    def __str__(self):
        return f"{self.get_from_stage_display() or 'New'} to {self.get_to_stage_display()}"


def _version_upload_to(version, filename):
    return f"reviews/{version.partnership_id}/{version.uuid.hex}.{version.file_type}"


class ReportVersion(TenantModel):
    """One uploaded version of the terms of reference or the report. Written once
    and never changed: the database refuses UPDATE and DELETE, so a version
    signed off stays exactly what was signed."""

    class Kind(models.TextChoices):
        REPORT = "report", "Report"
        TERMS_OF_REFERENCE = "terms_of_reference", "Terms of reference"

    review = models.ForeignKey(Review, on_delete=models.PROTECT, related_name="versions")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.REPORT)
    number = models.PositiveSmallIntegerField()
    summary_of_changes = models.TextField(blank=True)
    file = models.FileField(upload_to=_version_upload_to, max_length=300)
    file_name = models.CharField(max_length=255)
    file_type = models.CharField(max_length=4)
    size = models.PositiveIntegerField()
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )

    tenant_parent = "review"

    class Meta:
        ordering = ["review_id", "kind", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "kind", "number"], name="report_version_number_once"
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="report_version_number_positive"
            ),
        ]
        triggers = [
            pgtrigger.Protect(
                name="report_version_written_once",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} version {self.number}"

    def get_absolute_url(self):
        return reverse(
            "reviews:version-detail",
            kwargs={
                "partnership_slug": self.partnership.slug,
                "case_uuid": self.review.case.uuid,
                "version_uuid": self.uuid,
            },
        )

    @property
    def label(self):
        return f"{self.get_kind_display()}, version {self.number}"


class ChangeRequest(TenantModel):
    """A partner's request to change a version, and the answer to it."""

    class Response(models.TextChoices):
        AGREED = "agreed", "Agreed"
        NOT_AGREED = "not_agreed", "Not agreed"

    version = models.ForeignKey(
        ReportVersion, on_delete=models.PROTECT, related_name="change_requests"
    )
    agency = models.ForeignKey(
        "partnership.PartnerAgency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="requested by (agency)",
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    raised_by_name = models.CharField(max_length=200, blank=True)
    section = models.CharField("section or paragraph", max_length=100, blank=True)
    request = models.TextField("requested change")
    response = models.CharField(max_length=12, choices=Response.choices, blank=True)
    response_reason = models.TextField("reason", blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    tenant_parent = "version"

    class Meta:
        ordering = ["version_id", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(response="") & Q(answered_at__isnull=True))
                | (~Q(response="") & Q(answered_at__isnull=False)),
                name="change_request_answered_has_a_date",
            ),
            models.CheckConstraint(
                condition=~Q(response="not_agreed") | ~Q(response_reason=""),
                name="change_request_not_agreed_has_a_reason",
            ),
        ]

    def __str__(self):
        return f"Change request on {self.version}"


class Signatory(TenantModel):
    """Someone the partnership's arrangements name to sign off a type of review,
    besides the independent chair (a director of adult social care for SARs)."""

    review_type = models.CharField(max_length=20, choices=ReviewType.choices)
    membership = models.ForeignKey(
        "partnership.Membership", on_delete=models.PROTECT, related_name="+"
    )
    capacity = models.CharField("signs as", max_length=100)

    class Meta:
        ordering = ["review_type", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "review_type", "membership"], name="signatory_once"
            )
        ]

    def __str__(self):
        return f"{self.membership.user} ({self.capacity})"


class SignOff(TenantModel):
    """A signatory's sign-off of one report version: who, when, which version and
    the SHA-256 of its file. Immutable: the database refuses UPDATE and DELETE."""

    version = models.ForeignKey(ReportVersion, on_delete=models.PROTECT, related_name="sign_offs")
    signatory = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    signatory_name = models.CharField(max_length=200)
    capacity = models.CharField("signed as", max_length=100)
    signed_at = models.DateTimeField(default=timezone.now)
    sha256 = models.CharField("SHA-256 of the signed file", max_length=64)

    tenant_parent = "version"

    class Meta:
        ordering = ["version_id", "signed_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "signatory"], name="sign_off_once")
        ]
        triggers = [
            pgtrigger.Protect(
                name="sign_off_immutable", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self):
        return f"Signed off by {self.signatory_name}"


class FamilyContact(TenantModel):
    class Method(models.TextChoices):
        MEETING = "meeting", "Meeting in person"
        VIDEO = "video", "Video call"
        PHONE = "phone", "Phone call"
        LETTER = "letter", "Letter"
        EMAIL = "email", "Email"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="family_contacts")
    contact_on = models.DateField("date")
    with_whom = models.CharField(
        "with", max_length=200, help_text="For example, Mother, Grandfather"
    )
    method = models.CharField(max_length=10, choices=Method.choices)
    summary = models.TextField(blank=True)
    report_shared = models.BooleanField("the report was shared with the family", default=False)

    tenant_parent = "review"

    class Meta:
        ordering = ["review_id", "contact_on", "pk"]

    def __str__(self):
        return f"{self.get_method_display()} with {self.with_whom}"


class QualitySubmission(TenantModel):
    """A DARDR's submission to the Home Office quality assurance panel and its
    feedback (revise and resubmit rounds)."""

    class Outcome(models.TextChoices):
        AWAITING = "awaiting", "Awaiting feedback"
        REVISE = "revise", "Revise and resubmit"
        APPROVED = "approved", "Approved for publication"

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="qa_submissions")
    round = models.PositiveSmallIntegerField()
    submitted_on = models.DateField("date submitted")
    feedback_on = models.DateField("date of the feedback letter", null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=Outcome.choices, default=Outcome.AWAITING)
    feedback = models.TextField("feedback", blank=True)

    tenant_parent = "review"

    class Meta:
        ordering = ["review_id", "round"]
        constraints = [
            models.UniqueConstraint(fields=["review", "round"], name="qa_submission_round_once"),
            models.CheckConstraint(
                condition=Q(outcome="awaiting") | Q(feedback_on__isnull=False),
                name="qa_submission_outcome_dated",
            ),
        ]

    def __str__(self):
        return f"Submission {self.round}"


SCIE_QUALITY_MARKERS = [
    (1, "Referral"),
    (2, "Decision making: what kind of SAR, if any"),
    (3, "Informing the person, their family and social network"),
    (4, "Clarity of purpose"),
    (5, "Commissioning"),
    (6, "Governance"),
    (7, "Management of the review process"),
    (8, "Involving the person, their family and network"),
    (9, "Involving practitioners and managers"),
    (10, "Analysis"),
    (11, "Sharing the findings"),
    (12, "Publication"),
    (13, "Improvement action"),
    (14, "Evaluating impact"),
    (15, "Learning from the SAR process"),
]


class QualityMarker(TenantModel):
    """One of SCIE's 15 SAR quality markers, met or not, for a SAR."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="quality_markers")
    marker = models.PositiveSmallIntegerField(choices=SCIE_QUALITY_MARKERS)
    met = models.BooleanField(default=False)
    note = models.TextField(blank=True)

    tenant_parent = "review"

    class Meta:
        ordering = ["review_id", "marker"]
        constraints = [
            models.UniqueConstraint(fields=["review", "marker"], name="quality_marker_once"),
            models.CheckConstraint(
                condition=Q(marker__gte=1, marker__lte=15), name="quality_marker_range"
            ),
        ]

    def __str__(self):
        return self.get_marker_display()


class Publication(TenantModel):
    class Place(models.TextChoices):
        WEBSITE = "website", "The partnership's website"
        NSPCC = "nspcc", "NSPCC national case review repository"
        SCIE = "scie", "SCIE SAR library"

    review = models.OneToOneField(Review, on_delete=models.CASCADE, related_name="publication")
    planned_on = models.DateField("planned publication date", null=True, blank=True)
    published_on = models.DateField("date published", null=True, blank=True)
    places = ArrayField(
        models.CharField(max_length=10, choices=Place.choices),
        default=list,
        blank=True,
        verbose_name="where",
    )
    anonymised = models.BooleanField("published anonymised", default=True)
    media_note = models.TextField("media handling", blank=True)
    panel_notified_on = models.DateField(
        "date the National Panel was told of publication", null=True, blank=True
    )
    link = models.URLField("link to the published report", blank=True)

    tenant_parent = "review"

    def __str__(self):
        return f"Publication of {self.review.case.reference}"

    @property
    def places_display(self):
        labels = dict(self.Place.choices)
        return ", ".join(labels.get(p, p) for p in self.places)
