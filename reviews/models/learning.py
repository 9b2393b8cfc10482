"""What reviews teach: recommendations (each raised as actions on a review
action plan in the action log) and dissemination (briefings, training)."""

from django.db import models
from django.db.models import Q

from partnership.tenancy import TenantModel

from .cases import Case
from .reviews import Review


class Recommendation(TenantModel):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    text = models.TextField("recommendation")
    reason_not_implemented = models.TextField(
        "why it will not be implemented",
        blank=True,
        help_text="The SAB annual report must give reasons for findings not implemented",
    )
    actions = models.ManyToManyField(
        "actions.Action", through="RecommendationAction", related_name="+"
    )

    tenant_parent = "review"

    class Meta:
        ordering = ["review_id", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="recommendation_number_once"),
            models.CheckConstraint(
                condition=Q(number__gte=1), name="recommendation_number_positive"
            ),
        ]

    def __str__(self):
        return f"Recommendation {self.number}"

    @property
    def reference(self):
        """How the action log names it: "LCSPR 2025/02, recommendation 3"."""
        return f"{self.review.case.reference}, recommendation {self.number}"


class RecommendationAction(TenantModel):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey("actions.Action", on_delete=models.PROTECT, related_name="+")

    tenant_parent = "recommendation"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["recommendation", "action"], name="recommendation_action_once"
            )
        ]


class Dissemination(TenantModel):
    class Kind(models.TextChoices):
        LLB = "llb", "Lessons learned briefing"
        SEVEN_MINUTE = "7mb", "7-minute briefing"
        TRAINING = "training", "Training"
        BRIEFING = "briefing", "Briefing"
        CONFERENCE = "conference", "Learning event or conference"
        NEWSLETTER = "newsletter", "Newsletter"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="disseminations")
    kind = models.CharField(max_length=12, choices=Kind.choices)
    held_on = models.DateField("date")
    audience = models.CharField(max_length=200, help_text="For example, GPs and practice nurses")
    reached = models.PositiveIntegerField("people reached", null=True, blank=True)
    notes = models.TextField(blank=True)

    tenant_parent = "case"

    class Meta:
        ordering = ["case_id", "-held_on", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()}, {self.held_on:%-d %B %Y}"
