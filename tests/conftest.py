"""The standard cast and world every test stands on.

Partnership A ("Northshire") has an executive board with a subgroup under it,
people, an agency and a user for every role; the board member sits on the
executive board only. Partnership B ("Southshire") has the same shape and the
*stranger*, its business manager, who must never see anything of A.
"""

import os
import tempfile
from dataclasses import dataclass, field

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from partnership.models import BoardMembership, Role

from .factories import (
    BoardFactory,
    BoardMembershipFactory,
    MembershipFactory,
    PartnerAgencyFactory,
    PartnershipFactory,
    PersonFactory,
    UserFactory,
)
from .samples import MAKERS, load_app_samples
from .two_factor import needs_second_factor, pass_second_factor

# Playwright's sync API runs an event loop in the test thread; the live server
# and the ORM are still used synchronously.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROLES = [r.value for r in Role]
load_app_samples()


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_modify_db_settings,
):
    """The test database is created and migrated by the owner (the "owner"
    alias), exactly as `migrate` runs in service; "default", the app role, then
    uses the same test database (and empties it after a transactional test).

    Requests, tasks and commands under test then run as the app role with
    row-level security on: each sets its own partnership (TenancyMiddleware,
    partnership.tenancy) and sees nothing else. A test's own code (factories,
    `scopes_disabled()` set-up and checks) stands where a migration or an
    operator would, so in the test database the app role's connections start
    across partnerships; whatever the code under test sets replaces that for
    its transaction. tests/tenancy/test_rls.py proves the policies with nothing
    set, as the service runs."""
    from django.db import connections
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        config = setup_databases(
            verbosity=request.config.option.verbose,
            interactive=False,
            keepdb=django_db_keepdb,
            aliases={"owner"},
        )
        owner, app = connections["owner"], connections["default"]
        app.creation.set_as_test_mirror(owner.settings_dict)
        name = owner.settings_dict["NAME"]
        assert name.startswith("test_") and app.settings_dict["NAME"] == name, name
        with owner.cursor() as cursor:
            cursor.execute(
                f'ALTER ROLE "{app.settings_dict["USER"]}" IN DATABASE "{name}" '
                "SET app.across_partnerships = 'on'"
            )
            # Transactional tests empty every table afterwards (flush); the
            # service's role may not TRUNCATE, which row-level security does not
            # govern, outside the test database.
            cursor.execute(
                f'GRANT TRUNCATE ON ALL TABLES IN SCHEMA public TO "{app.settings_dict["USER"]}"'
            )
        app.close()
    yield
    if not django_db_keepdb:
        with django_db_blocker.unblock():
            connections.close_all()
            # A connection a finished thread never closed (a live server's, a
            # concurrency test's) would stop the test database being dropped.
            with connections["owner"].cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = %s AND pid <> pg_backend_pid()",
                    [name],
                )
            connections["owner"].close()
            teardown_databases(config, verbosity=request.config.option.verbose)


@pytest.fixture(autouse=True)
def _own_cache(settings, request):
    """Each test counts rate limits from zero in a cache of its own (the shared
    Redis is never flushed by a test)."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": request.node.nodeid,
        }
    }


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_media(settings, tmp_path):
    """Uploaded and rendered files go to a fresh directory per test, never the
    repository's private-media."""
    settings.MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture(scope="session", autouse=True)
def _celery_runs_tasks_in_the_test():
    """Tasks queued with .delay() run at once, in the test (after the commit that
    queues them, when a test uses django_capture_on_commit_callbacks)."""
    from config.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True


@dataclass
class Tenant:
    """One partnership with a sample of every kind of object, and a user per role."""

    partnership: object
    board: object
    subgroup: object
    person: object
    seat: object
    agency: object
    users: dict
    memberships: dict
    _samples: dict = field(default_factory=dict)

    @property
    def slug(self):
        return self.partnership.slug

    def sample(self, name):
        """A sample object registered by an app (tests/samples.py), made once."""
        if name not in self._samples:
            with scopes_disabled():
                self._samples[name] = MAKERS[name](self)
        return self._samples[name]


def build_tenant(name, slug):
    partnership = PartnershipFactory(name=name, slug=slug, areas_covered=name.split()[0])
    board = BoardFactory(partnership=partnership, name=f"{name} Executive Board", short_name="Exec")
    subgroup = BoardFactory(
        partnership=partnership,
        name="Quality and Effectiveness Group",
        short_name="Q&E",
        kind="subgroup",
        reports_to=board,
    )
    users, memberships = {}, {}
    for role in ROLES:
        user = UserFactory(email=f"{role}@{slug}.example.org")
        users[role] = user
        memberships[role] = MembershipFactory(partnership=partnership, user=user, role=role)
    member_person = PersonFactory(
        partnership=partnership, user=users["member"], full_name="Morgan Member"
    )
    seat = BoardMembershipFactory(
        board=board, person=member_person, role=BoardMembership.Role.MEMBER
    )
    BoardMembershipFactory(
        board=board,
        person=PersonFactory(partnership=partnership, full_name="Chris Chair"),
        role=BoardMembership.Role.CHAIR,
    )
    agency = PartnerAgencyFactory(partnership=partnership, kind="statutory")
    return Tenant(
        partnership=partnership,
        board=board,
        subgroup=subgroup,
        person=member_person,
        seat=seat,
        agency=agency,
        users=users,
        memberships=memberships,
    )


@pytest.fixture
def tenant_a(db):
    return build_tenant("Northshire Safeguarding Partnership", "northshire")


@pytest.fixture
def tenant_b(db):
    return build_tenant("Southshire Safeguarding Partnership", "southshire")


@pytest.fixture
def stranger(tenant_b):
    """Business manager of another partnership: may do anything there, nothing here."""
    return tenant_b.users["business_manager"]


def _client(user):
    """A client signed in as `user`, past two-factor sign-in where the user needs
    it (with their own authenticator: tests/two_factor.py). The real steps are
    tested in tests/partnership/test_two_factor.py."""
    client = Client()
    client.force_login(user)
    if needs_second_factor(user):
        pass_second_factor(client, user)
    return client


@pytest.fixture
def business_manager_client(tenant_a):
    return _client(tenant_a.users["business_manager"])


@pytest.fixture
def minute_taker_client(tenant_a):
    return _client(tenant_a.users["minute_taker"])


@pytest.fixture
def member_client(tenant_a):
    return _client(tenant_a.users["member"])


@pytest.fixture
def independent_chair_client(tenant_a):
    return _client(tenant_a.users["independent_chair"])


@pytest.fixture
def observer_client(tenant_a):
    return _client(tenant_a.users["observer"])


@pytest.fixture
def stranger_client(stranger):
    return _client(stranger)


@pytest.fixture
def count_queries():
    """`count_queries(fn)`: how many SQL queries calling fn() makes. For asserting
    that a page's query count does not grow with its rows."""

    def count(fn):
        with CaptureQueriesContext(connection) as context:
            fn()
        return len(context.captured_queries)

    return count


@pytest.fixture
def client_for():
    """`client_for(user)`: a test client signed in as that user."""
    return _client


# Real browser: Debian's Chromium, never a downloaded one.
@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--disable-sync",
        ],
    }


# The crawl (tests/dashboard/test_crawl.py) says how many pages each role
# reached, through a file its worker writes (CRAWL_REPORT) and this prints.
def pytest_configure(config):
    if not hasattr(config, "workerinput"):
        handle, path = tempfile.mkstemp(prefix="spm-crawl-", suffix=".txt")
        os.close(handle)
        os.environ["CRAWL_REPORT"] = path


def pytest_terminal_summary(terminalreporter, config):
    path = os.environ.get("CRAWL_REPORT")
    if path and not hasattr(config, "workerinput") and os.path.exists(path):
        with open(path) as report:
            for line in report:
                terminalreporter.write_line(line.rstrip())
        os.remove(path)
