"""factory-boy factories for the partnership models. Tenant factories create
outside any scope (tests set up data the way a migration or seed would)."""

import factory
from django_scopes import scopes_disabled
from factory.django import DjangoModelFactory

from partnership.models import (
    Board,
    BoardMembership,
    Membership,
    Organisation,
    PartnerAgency,
    Partnership,
    Person,
    Role,
    Team,
    TeamMember,
    User,
)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.django.Password("correct horse battery staple")


class PartnershipFactory(DjangoModelFactory):
    class Meta:
        model = Partnership

    name = factory.Sequence(lambda n: f"Borough {n} Safeguarding Partnership")
    slug = factory.Sequence(lambda n: f"borough-{n}")
    areas_covered = factory.Sequence(lambda n: f"Borough {n}")


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organisation.Kind.OTHER


class TenantFactory(DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with scopes_disabled():
            return super()._create(model_class, *args, **kwargs)


class PersonFactory(TenantFactory):
    class Meta:
        model = Person

    partnership = factory.SubFactory(PartnershipFactory)
    full_name = factory.Faker("name", locale="en_GB")
    initials = factory.LazyAttribute(lambda p: Person.initials_from(p.full_name))
    job_title = "Head of Safeguarding"


class MembershipFactory(TenantFactory):
    class Meta:
        model = Membership

    partnership = factory.SubFactory(PartnershipFactory)
    user = factory.SubFactory(UserFactory)
    role = Role.MEMBER


class BoardFactory(TenantFactory):
    class Meta:
        model = Board

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Board {n}")
    kind = Board.Kind.BOARD


class BoardMembershipFactory(TenantFactory):
    class Meta:
        model = BoardMembership

    board = factory.SubFactory(BoardFactory)
    person = factory.SubFactory(
        PersonFactory, partnership=factory.SelfAttribute("..board.partnership")
    )
    role = BoardMembership.Role.MEMBER


class PartnerAgencyFactory(TenantFactory):
    class Meta:
        model = PartnerAgency

    partnership = factory.SubFactory(PartnershipFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    kind = PartnerAgency.Kind.RELEVANT


class TeamFactory(TenantFactory):
    """A team that owns actions; `members=[person, ...]` puts people in it."""

    class Meta:
        model = Team
        skip_postgeneration_save = True

    partnership = factory.SubFactory(PartnershipFactory)
    name = factory.Sequence(lambda n: f"Team {n}")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            with scopes_disabled():
                for person in extracted:
                    TeamMember.objects.create(team=self, person=person)
