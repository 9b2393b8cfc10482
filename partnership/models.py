"""Tenants and the people in them: partnerships, organisations, partner
agencies, people, memberships (users' roles), boards and who sits on them."""

import datetime
import re

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.functional import cached_property
from simple_history.models import HistoricalRecords

from .links import reverse
from .tenancy import TenantManager, TenantModel, TenantQuerySet
from .writes import history_user


class UserManager(BaseUserManager):
    use_in_migrations = True

    def get_by_natural_key(self, email):
        return self.get(email__iexact=email)

    def create_user(self, email, password=None, **extra):
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self.create_user(email, password, **extra)


class User(AbstractUser):
    """Someone who signs in, with one login across all their partnerships."""

    username = None
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["first_name", "last_name"]

    objects = UserManager()

    class Meta:
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self):
        return self.get_full_name() or self.email


MONTHS = [(i, datetime.date(2000, i, 1).strftime("%B")) for i in range(1, 13)]


class Partnership(models.Model):
    """The tenant: one local safeguarding partnership."""

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=60, unique=True)
    areas_covered = models.CharField(
        max_length=300, help_text="The local authority areas the arrangements cover."
    )
    covers_children = models.BooleanField("covers children", default=True)
    covers_adults = models.BooleanField("covers adults", default=False)
    financial_year_start_month = models.PositiveSmallIntegerField(choices=MONTHS, default=4)

    class MeetingPlanners(models.TextChoices):
        BUSINESS_UNIT = "business_unit", "The business unit only"
        WITH_MINUTE_TAKERS = "with_minute_takers", "The business unit and minute takers"

    meeting_planners = models.CharField(
        "who plans meetings and builds agendas",
        max_length=20,
        choices=MeetingPlanners.choices,
        default=MeetingPlanners.BUSINESS_UNIT,
        help_text="In many business units the business support officer sends the agenda out",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(covers_children=True) | Q(covers_adults=True),
                name="partnership_covers_someone",
            )
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("dashboard:overview", kwargs={"partnership_slug": self.slug})

    @property
    def covers(self):
        return " and ".join(
            w
            for w, on in (("children", self.covers_children), ("adults", self.covers_adults))
            if on
        )


class Organisation(models.Model):
    """Shared reference data: West Midlands Police is one organisation across
    every partnership it sits on. Not tenant-owned."""

    class Kind(models.TextChoices):
        LOCAL_AUTHORITY = "local_authority", "Local authority"
        POLICE = "police", "Police"
        ICB = "icb", "Integrated care board (or CCG)"
        NHS_TRUST = "nhs_trust", "NHS trust"
        EDUCATION = "education", "Education"
        PROBATION = "probation", "Probation"
        FIRE = "fire", "Fire and rescue"
        AMBULANCE = "ambulance", "Ambulance"
        VOLUNTARY = "voluntary", "Voluntary sector"
        OTHER = "other", "Other"

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=40, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords(get_user=history_user)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(Lower("name"), name="organisation_name_ci_unique")]

    def __str__(self):
        return self.name

    @property
    def label(self):
        return self.short_name or self.name


class Role(models.TextChoices):
    """A user's role in one partnership. What each may do: permissions.py."""

    BUSINESS_MANAGER = "business_manager", "Business manager"
    BUSINESS_OFFICER = "business_officer", "Business officer"
    MINUTE_TAKER = "minute_taker", "Minute taker"
    INDEPENDENT_CHAIR = "independent_chair", "Independent chair"
    MEMBER = "member", "Board member"
    OBSERVER = "observer", "Observer (read only)"


class Person(TenantModel):
    """Someone named in minutes: attendee, action owner, reviewer. Young people,
    guests and external reviewers are people without accounts."""

    full_name = models.CharField("name", max_length=200)
    initials = models.CharField(max_length=10, blank=True)
    job_title = models.CharField(max_length=200, blank=True)
    organisation = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="people"
    )
    email = models.EmailField("email address", blank=True)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="people"
    )
    is_active = models.BooleanField(
        "active", default=True, help_text="People who have left stay named in past minutes."
    )

    class Meta:
        ordering = ["full_name"]
        verbose_name_plural = "people"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "user"],
                condition=Q(user__isnull=False),
                name="person_one_per_user_per_partnership",
            )
        ]

    def __str__(self):
        return self.full_name

    def get_absolute_url(self):
        return reverse(
            "partnership:person-detail",
            kwargs={"partnership_slug": self.partnership.slug, "person_uuid": self.uuid},
        )

    @staticmethod
    def initials_from(name):
        """'Philippa Granthier' -> 'PG', as minutes write them."""
        words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isalpha()]
        return "".join(w[0].upper() for w in words)[:10]

    @property
    def display_initials(self):
        return self.initials or self.initials_from(self.full_name)


class PartnerAgency(TenantModel):
    """An organisation's part in one partnership."""

    class Kind(models.TextChoices):
        STATUTORY = "statutory", "Statutory partner"
        RELEVANT = "relevant", "Relevant agency"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="partner_agencies"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.RELEVANT)
    lead_representative = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    display_name = models.CharField(
        "name used here",
        max_length=200,
        blank=True,
        help_text="How this partnership names the organisation, if not as it is known "
        "elsewhere (for example, Fairshire Children's Services)",
    )
    is_active = models.BooleanField("active", default=True)

    class Meta:
        ordering = ["kind", "organisation__name"]
        verbose_name_plural = "partner agencies"
        constraints = [
            models.UniqueConstraint(
                fields=["partnership", "organisation"], name="agency_organisation_once"
            )
        ]

    def __str__(self):
        return self.display_name or str(self.organisation)

    @property
    def label(self):
        """The short label in owner columns: the partnership's own name for the
        organisation if it gave one, else the organisation's short name."""
        return self.display_name or self.organisation.label


class Membership(TenantModel):
    """A user's access to one partnership, with their role in it."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(max_length=30, choices=Role.choices)
    is_active = models.BooleanField("active", default=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "user"], name="membership_once")
        ]

    def __str__(self):
        return f"{self.user} ({self.get_role_display()}, {self.partnership})"

    @cached_property
    def person(self):
        """The Person who is this user in this partnership, if any."""
        return Person.objects.for_partnership(self.partnership_id).filter(user=self.user_id).first()

    @cached_property
    def person_pk(self):
        """`person`'s primary key, or None without one: all that the rules which
        ask who the member is (their boards, the actions they own) need. The
        page's membership comes with it from TenancyMiddleware's query
        (`partnership.selectors.memberships_within`)."""
        person = self.person  # read once, for whatever asks for the person next
        return None if person is None else person.pk


class Board(TenantModel):
    """A board, subgroup or task-and-finish group, with its reporting line."""

    class Kind(models.TextChoices):
        BOARD = "board", "Board"
        SUBGROUP = "subgroup", "Subgroup"
        TASK_AND_FINISH = "task_and_finish", "Task and finish group"

    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=30, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SUBGROUP)
    reports_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reporting_groups"
    )
    terms_of_reference = models.TextField(blank=True)
    tor_version = models.CharField("terms of reference version", max_length=20, blank=True)
    tor_date = models.DateField("terms of reference agreed", null=True, blank=True)
    late_paper_days = models.PositiveSmallIntegerField(
        "late-paper deadline (days before the meeting)",
        default=7,
        validators=[MinValueValidator(0), MaxValueValidator(60)],
    )
    is_active = models.BooleanField("active", default=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["partnership", "name"], name="board_name_once"),
            models.CheckConstraint(
                condition=~Q(reports_to=F("id")), name="board_not_reporting_to_itself"
            ),
            models.CheckConstraint(
                condition=Q(late_paper_days__lte=60), name="board_late_paper_days_range"
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "dashboard:board-detail",
            kwargs={"partnership_slug": self.partnership.slug, "board_uuid": self.uuid},
        )

    @property
    def label(self):
        return self.short_name or self.name

    def reporting_chain(self):
        """This board's line upwards: [parent, grandparent, ...]."""
        chain, seen, board = [], {self.pk}, self.reports_to
        while board is not None and board.pk not in seen:
            chain.append(board)
            seen.add(board.pk)
            board = board.reports_to
        return chain


class BoardMembershipQuerySet(TenantQuerySet):
    def current(self, on=None):
        on = on or timezone.localdate()
        return self.filter(
            Q(start_date__isnull=True) | Q(start_date__lte=on),
            Q(end_date__isnull=True) | Q(end_date__gte=on),
        )


class BoardMembership(TenantModel):
    """A person's seat on a board, for a period, representing an organisation."""

    class Role(models.TextChoices):
        CHAIR = "chair", "Chair"
        VICE_CHAIR = "vice_chair", "Vice chair"
        MEMBER = "member", "Member"
        ADVISER = "adviser", "Adviser"
        IN_ATTENDANCE = "in_attendance", "In attendance"

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="board_memberships")
    role = models.CharField(max_length=20, choices=Role.choices, default=Role.MEMBER)
    representing = models.ForeignKey(
        Organisation, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    start_date = models.DateField("from", null=True, blank=True)
    end_date = models.DateField("to", null=True, blank=True)

    objects = TenantManager(BoardMembershipQuerySet)

    tenant_parent = "board"

    class Meta:
        ordering = ["role", "person__full_name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="board_membership_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["board", "person"],
                condition=Q(end_date__isnull=True),
                name="board_membership_one_open_seat",
            ),
            models.UniqueConstraint(
                fields=["board", "role"],
                condition=Q(end_date__isnull=True, role__in=["chair", "vice_chair"]),
                name="board_one_open_chair_and_vice_chair",
            ),
        ]

    def __str__(self):
        return f"{self.person} – {self.get_role_display()}, {self.board}"

    @property
    def is_current(self):
        today = timezone.localdate()
        return (self.start_date is None or self.start_date <= today) and (
            self.end_date is None or self.end_date >= today
        )


class Team(TenantModel):
    """A team that owns actions as minutes name it ("the Safeguarding Team",
    "Business Support Team"): not a board (it holds no meetings); its members
    are reminded of its actions and see them as their own."""

    name = models.CharField(max_length=200)
    members = models.ManyToManyField(Person, through="TeamMember", related_name="teams", blank=True)
    is_active = models.BooleanField("active", default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint("partnership", Lower("name"), name="team_name_once")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse(
            "partnership:team-edit",
            kwargs={"partnership_slug": self.partnership.slug, "team_uuid": self.uuid},
        )


class TeamMember(TenantModel):
    """One person in a team."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="team_memberships")

    tenant_parent = "team"

    class Meta:
        ordering = ["team_id", "person__full_name"]
        constraints = [models.UniqueConstraint(fields=["team", "person"], name="team_member_once")]

    def __str__(self):
        return f"{self.person} in {self.team}"
