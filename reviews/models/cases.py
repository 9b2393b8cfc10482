"""A case: a serious incident notification (children) or a referral (adults,
domestic abuse related deaths), known by a pseudonym, with the children or
adults it concerns, its type of review (changes recorded, never overwritten),
its links to related reviews, its learning themes, its retention, and the
people on its review panel (django-guardian object permissions)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower

from partnership.links import reverse
from partnership.object_permissions import TenantGroupObjectPermission, TenantUserObjectPermission
from partnership.tenancy import TenantModel


class ReviewType(models.TextChoices):
    RAPID_REVIEW = "rapid_review", "Rapid review"
    LCSPR = "lcspr", "Local child safeguarding practice review (LCSPR)"
    SAR = "sar", "Safeguarding adult review (SAR)"
    LLB = "llb", "Lessons learned briefing (LLB)"
    SEVEN_MINUTE = "7mb", "7-minute briefing (7MB)"
    ALTERNATIVE = "alternative", "Alternative learning review"
    SCR = "scr", "Serious case review (legacy SCR)"
    DARDR = "dardr", "Domestic abuse related death review (DARDR)"
    NONE = "none", "No further review"


# How references and the register write each type.
SHORT_TYPE = {
    "rapid_review": "RR",
    "lcspr": "LCSPR",
    "sar": "SAR",
    "llb": "LLB",
    "7mb": "7MB",
    "alternative": "ALR",
    "scr": "SCR",
    "dardr": "DARDR",
    "none": "NFR",
}
# Types that are a review with stages, versions and a sign-off.
FULL_REVIEWS = frozenset({"lcspr", "sar", "llb", "7mb", "alternative", "scr", "dardr"})


class AgeBand(models.TextChoices):
    UNBORN = "unborn", "Unborn"
    UNDER_1 = "under_1", "Under 1"
    AGE_1_4 = "1_4", "1 to 4"
    AGE_5_9 = "5_9", "5 to 9"
    AGE_10_15 = "10_15", "10 to 15"
    AGE_16_17 = "16_17", "16 to 17"
    AGE_18_24 = "18_24", "18 to 24"
    AGE_25_64 = "25_64", "25 to 64"
    AGE_65 = "65_plus", "65 or over"


class ReviewSettings(TenantModel):
    """A partnership's choices for its case reviews (one row, made on first use)."""

    DEFAULT_STAGGERING_DAYS = 10
    # Years a case's records are kept after it closes, unless a decision says
    # otherwise; the business unit changes them on the settings page.
    DEFAULT_RETENTION_YEARS = {
        "rapid_review": 15,
        "lcspr": 25,
        "sar": 25,
        "llb": 15,
        "7mb": 15,
        "alternative": 15,
        "scr": 25,
        "dardr": 25,
        "none": 6,
    }

    identifiers_enabled = models.BooleanField(
        "record real names and dates of birth",
        default=False,
        help_text="Off: cases are known by pseudonyms only. On: the business unit may record "
        "real identifiers, encrypted, and every time someone reveals them it is logged.",
    )
    staggering_days = models.PositiveSmallIntegerField(
        "staggering interval (working days)",
        default=DEFAULT_STAGGERING_DAYS,
        help_text="You are warned when two publications fall closer together than this",
    )
    reminders_enabled = models.BooleanField(
        "send clock reminders",
        default=True,
        help_text="Emails the business manager 3 working days before a clock falls due, "
        "and when one is missed",
    )
    action_plan_board = models.ForeignKey(
        "partnership.Board",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name="action plans go on the log of",
    )
    retention_years = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = "case review settings"
        verbose_name_plural = "case review settings"
        constraints = [
            models.UniqueConstraint(fields=["partnership"], name="review_settings_once"),
            models.CheckConstraint(
                condition=Q(staggering_days__gte=1, staggering_days__lte=60),
                name="review_settings_staggering_range",
            ),
        ]

    def __str__(self):
        return f"Case review settings of {self.partnership}"

    @classmethod
    def for_partnership(cls, partnership):
        partnership_id = getattr(partnership, "pk", partnership)
        found = cls.objects.for_partnership(partnership_id).first()
        return found or cls(partnership_id=partnership_id)

    def years_for(self, review_type):
        years = (self.retention_years or {}).get(review_type)
        return years or self.DEFAULT_RETENTION_YEARS.get(review_type, 25)


class LearningTheme(TenantModel):
    """One theme of the partnership's learning taxonomy (neglect, exploitation...)."""

    DEFAULTS = [
        "Neglect",
        "Domestic abuse",
        "Parental mental health",
        "Parental substance misuse",
        "Exploitation",
        "Professional curiosity",
        "Information sharing",
        "Escalation",
        "Voice of the child",
        "Safe sleep",
        "Self-neglect",
        "Mental capacity",
        "Transition to adulthood",
    ]

    name = models.CharField(max_length=100)
    is_active = models.BooleanField("in use", default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint("partnership", Lower("name"), name="learning_theme_once")
        ]

    def __str__(self):
        return self.name


class Case(TenantModel):
    """A serious incident notification or a referral, and everything reviewed
    about it. OFFICIAL-SENSITIVE: seen only by the business unit, the
    independent chair and the people on its review panel."""

    class Kind(models.TextChoices):
        NOTIFICATION = "notification", "Serious incident notification (children)"
        ADULT_REFERRAL = "adult_referral", "Safeguarding adult review referral"
        DOMESTIC_ABUSE = "domestic_abuse", "Domestic abuse related death (community safety)"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"
        EMBARGOED = "embargoed", "Embargoed"

    class Criteria(models.TextChoices):
        NONE = "", "Not recorded"
        CSPR = "cspr", "Meets the criteria for a local CSPR (Working Together)"
        SAR_MANDATORY = "s44_mandatory", "Mandatory SAR (Care Act s44(1) to (3))"
        SAR_DISCRETIONARY = "s44_discretionary", "Discretionary SAR (Care Act s44(4))"
        DARDR = "dardr", "Meets the DARDR criteria (Domestic Violence, Crime and Victims Act s9)"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NOTIFICATION)
    reference = models.CharField(
        "local reference", max_length=40, help_text="For example, LCSPR 2025/02"
    )
    steis_number = models.CharField(
        "NHS serious incident (StEIS) number", max_length=30, blank=True
    )
    pseudonym = models.CharField(max_length=100, help_text="For example, Family M, Child C, Arthur")
    review_type = models.CharField(
        "type of review", max_length=20, choices=ReviewType.choices, default=ReviewType.RAPID_REVIEW
    )
    no_review_reason = models.TextField("why there is no further review", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    incident_date = models.DateField("date of the incident", null=True, blank=True)
    incident_time = models.TimeField("time of the incident", null=True, blank=True)
    incident_place = models.CharField("where it happened", max_length=200, blank=True)
    aware_date = models.DateField("date the local authority became aware", null=True, blank=True)
    notified_date = models.DateField("date notified to the National Panel", null=True, blank=True)
    panel_reference = models.CharField("National Panel reference", max_length=40, blank=True)
    notifier = models.ForeignKey(
        "partnership.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="who notified",
    )
    referring_agency = models.ForeignKey(
        "partnership.PartnerAgency",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    summary = models.TextField("summary (OFFICIAL-SENSITIVE)", blank=True)
    criteria = models.CharField(
        "criteria considered", max_length=20, choices=Criteria.choices, blank=True
    )
    criteria_notes = models.TextField("how the criteria were considered", blank=True)
    decision_date = models.DateField("date of the decision to review", null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    legal_hold = models.BooleanField(
        "legal hold", default=False, help_text="Keep every record, whatever the retention period"
    )
    legal_hold_reason = models.TextField(blank=True)
    retain_until = models.DateField("keep until", null=True, blank=True)
    retention_note = models.TextField("retention decision", blank=True)
    themes = models.ManyToManyField(LearningTheme, through="CaseTheme", related_name="cases")

    class Meta:
        ordering = ["-created_at"]
        permissions = [("sit_on_panel", "Sit on the case's review panel")]
        constraints = [
            models.UniqueConstraint("partnership", Lower("reference"), name="case_reference_once"),
            models.CheckConstraint(
                condition=~Q(review_type="none") | ~Q(no_review_reason=""),
                name="case_no_review_has_a_reason",
            ),
            models.CheckConstraint(
                condition=Q(legal_hold=False) | ~Q(legal_hold_reason=""),
                name="case_legal_hold_has_a_reason",
            ),
            models.CheckConstraint(
                condition=~Q(status="closed") | Q(closed_on__isnull=False),
                name="case_closed_has_a_date",
            ),
        ]
        indexes = [models.Index(fields=["partnership", "status"], name="case_register_idx")]

    def __str__(self):
        return f"{self.reference} ({self.pseudonym})"

    def get_absolute_url(self):
        return reverse(
            "reviews:case-detail",
            kwargs={"partnership_slug": self.partnership.slug, "case_uuid": self.uuid},
        )

    @property
    def type_short(self):
        return SHORT_TYPE.get(self.review_type, self.review_type)

    @property
    def is_full_review(self):
        return self.review_type in FULL_REVIEWS

    @property
    def is_open(self):
        return self.status != self.Status.CLOSED


class CaseSubject(TenantModel):
    """A child (up to four per notification) or adult the case concerns: a
    pseudonym and an age band; real identifiers only where the partnership
    records them, encrypted (reviews.crypto)."""

    MAX = 4

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="subjects")
    position = models.PositiveSmallIntegerField()
    pseudonym = models.CharField(max_length=100)
    age_band = models.CharField(max_length=10, choices=AgeBand.choices, blank=True)
    looked_after = models.BooleanField("looked-after child", default=False)
    care_leaver = models.BooleanField(default=False)
    name_encrypted = models.TextField(blank=True, editable=False)
    date_of_birth_encrypted = models.TextField(blank=True, editable=False)

    tenant_parent = "case"

    class Meta:
        ordering = ["case_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "position"], name="case_subject_position_once"),
            models.CheckConstraint(
                condition=Q(position__gte=1, position__lte=4), name="case_subject_at_most_four"
            ),
        ]

    def __str__(self):
        return self.pseudonym

    @property
    def has_identifiers(self):
        return bool(self.name_encrypted or self.date_of_birth_encrypted)


class CaseTypeChange(TenantModel):
    """A change of a case's type of review ("rapid review converted to an
    LCSPR"): recorded, never overwritten."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="type_changes")
    from_type = models.CharField(max_length=20, choices=ReviewType.choices)
    to_type = models.CharField(max_length=20, choices=ReviewType.choices)
    changed_on = models.DateField()
    reason = models.TextField(blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    tenant_parent = "case"

    class Meta:
        ordering = ["case_id", "changed_on", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_type=models.F("to_type")), name="case_type_change_changes"
            )
        ]

    def __str__(self):
        return f"{self.get_from_type_display()} converted to {self.get_to_type_display()}"


class CaseLink(TenantModel):
    """A related review: another case here, or one elsewhere (a neighbouring
    partnership's review, the community safety partnership's DARDR)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links")
    related_case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    description = models.CharField(max_length=300)
    external_reference = models.CharField("their reference", max_length=60, blank=True)

    tenant_parent = "case"

    class Meta:
        ordering = ["case_id", "created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(related_case__isnull=True) | ~Q(related_case=models.F("case")),
                name="case_link_not_to_itself",
            )
        ]

    def __str__(self):
        return self.description


class CaseTheme(TenantModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    theme = models.ForeignKey(LearningTheme, on_delete=models.PROTECT, related_name="+")

    tenant_parent = "case"

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "theme"], name="case_theme_once")]


# The review panel: django-guardian's direct foreign key object permissions,
# each row carrying its partnership like every tenant table (so row-level
# security can cover them with the same one-line policy).


class CaseUserObjectPermission(TenantUserObjectPermission):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta(TenantUserObjectPermission.Meta):
        abstract = False


class CaseGroupObjectPermission(TenantGroupObjectPermission):
    content_object = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")

    class Meta(TenantGroupObjectPermission.Meta):
        abstract = False
