"""Reminders under faults: a sweep killed part-way, the Celery queue in Redis
flushed, the database connection cut mid-sweep, two sweeps at once. After each
fault the sweep runs again (as the next scheduled run, or the task's retry,
would), and every reminder due must have gone exactly once: counted from the
emails themselves (file backend), against what was due."""

import datetime
import os
import random
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path

DAY = datetime.date(2026, 3, 2)  # a Monday, not a bank holiday
PARTNERSHIPS = 2
PEOPLE = 30
ACTIONS_PER_PERSON = 3
SEPARATOR = "-" * 79
LEASE = 2  # seconds (15 minutes in service)
ACTION_LINK = re.compile(r"/actions/([0-9a-f-]{36})/")


def build():
    from django.db import transaction

    from actions.models import Action, Reminder
    from actions.services import action_create
    from partnership.models import Board, Partnership, Person
    from partnership.tenancy import in_partnership

    for p in range(PARTNERSHIPS):
        partnership, _ = Partnership.objects.get_or_create(
            slug=f"verify-{p}", defaults={"name": f"Verify Partnership {p}", "areas_covered": "V"}
        )
        with in_partnership(partnership), transaction.atomic():
            Reminder.objects.all().delete()
            if Action.objects.exists():
                continue
            board = Board.objects.create(partnership=partnership, name="Verify board")
            for n in range(PEOPLE):
                person = Person.objects.create(
                    partnership=partnership,
                    full_name=f"Person {n}",
                    email=f"person{n}@verify-{p}.example.org",
                )
                for a in range(ACTIONS_PER_PERSON):
                    action_create(
                        board=board,
                        description=f"Action {a} of person {n}",
                        owners=[person],
                        due_date=DAY - datetime.timedelta(days=10) if a % 2 else DAY,
                        acting_user=None,
                    )


def expected():
    from actions.reminders import reminders_due

    due = reminders_due(on=DAY)
    return Counter((email, str(line.action.uuid)) for email, d in due.items() for line in d.lines)


def reset():
    from actions.models import Reminder
    from partnership.models import Partnership
    from partnership.tenancy import in_partnership

    for partnership in Partnership.objects.filter(slug__startswith="verify-"):
        with in_partnership(partnership):
            Reminder.objects.all().delete()


def sent(outbox):
    """(recipient, action uuid) for every reminder line in every email written."""
    found = Counter()
    for path in Path(outbox).glob("*"):
        for message in path.read_text().split(SEPARATOR):
            to = re.search(r"^To: (.+)$", message, re.M)
            if not to:
                continue
            plain = message.split("Content-Type: text/html")[0]
            for uuid in set(ACTION_LINK.findall(plain)):
                found[(to.group(1).strip(), uuid)] += 1
    return found


def _sweep(env, outbox, **kwargs):
    env = {
        **env,
        "EMAIL_URL": f"filemail:///{outbox}",
        "PGAPPNAME": "verify-sweep",
        "REMINDER_CLAIM_LEASE_SECONDS": str(LEASE),
    }
    return subprocess.Popen(
        [os.sys.executable, "manage.py", "send_reminders", "--date", DAY.isoformat()],
        cwd=Path(__file__).resolve().parent.parent,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        **kwargs,
    )


def _cut_database_connections():
    from django.db import connections

    with connections["owner"].cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
            " WHERE application_name = 'verify-sweep' AND datname = current_database()"
        )
        return cursor.fetchone()[0]


def _flush_our_redis_queue(env):
    """Queues the sweep task on a Redis database of this run's own, then flushes
    that database (never the shared one) before any worker takes it."""
    import redis

    url = env.get("VERIFY_REDIS_URL", "redis://127.0.0.1:6379/13")
    client = redis.Redis.from_url(url)
    if client.dbsize():
        raise SystemExit(f"{url} is not empty: choose a free Redis database (VERIFY_REDIS_URL)")
    from actions.tasks import send_reminders
    from config.celery import app

    app.conf.broker_url = url
    send_reminders.apply_async(kwargs={"on": DAY.isoformat()}, connection=app.connection())
    queued = client.dbsize()
    client.flushdb()
    return queued, client.dbsize()


def run(env):
    build()
    due = expected()
    total = sum(due.values())
    emails = len({email for email, _ in due})
    rng = random.Random(int(os.environ.get("VERIFY_SEED", "2026")))  # noqa: S311
    results = []

    def scenario(name, fault):
        reset()
        outbox = tempfile.mkdtemp(prefix="spm-verify-mail-")
        try:
            detail = fault(outbox)
            time.sleep(LEASE + 0.5)  # the claims a dead sweep left are past their lease
            # The next scheduled run (or the task's retry) after the fault.
            _sweep(env, outbox).wait(timeout=300)
            got = sent(outbox)
        finally:
            shutil.rmtree(outbox, ignore_errors=True)
        missed = sum(1 for key in due if key not in got)
        duplicated = sum(n - 1 for key, n in got.items() if n > 1)
        unexpected = sum(1 for key in got if key not in due)
        results.append((name, missed, duplicated, unexpected))
        print(
            f"  {name:<44} due {total}, missed {missed}, duplicated {duplicated}, "
            f"unexpected {unexpected}{detail and '  (' + detail + ')'}"
        )

    def clean(outbox):
        _sweep(env, outbox).wait(timeout=300)
        return ""

    def mid_sweep(outbox):
        """Starts a sweep and returns it once it has sent a random number of
        its emails (somewhere in the middle), plus that number."""
        process = _sweep(env, outbox)
        wanted = rng.randint(1, emails - 1)
        while len(list(Path(outbox).glob("*"))) < wanted and process.poll() is None:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.01))
        return process, wanted

    def killed(outbox):
        process, after = mid_sweep(outbox)
        process.send_signal(signal.SIGKILL)
        process.wait()
        return f"killed after {after} of {emails} emails"

    def connection_cut(outbox):
        process, after = mid_sweep(outbox)
        cut = _cut_database_connections()
        process.wait(timeout=300)
        return f"{cut} connection(s) cut after {after} of {emails} emails"

    def redis_flushed(outbox):
        queued, left = _flush_our_redis_queue(env)
        return f"{queued} key(s) queued, {left} left after the flush"

    def two_at_once(outbox):
        first, second = _sweep(env, outbox), _sweep(env, outbox)
        first.wait(timeout=300)
        second.wait(timeout=300)
        return ""

    print(f"reminders under faults ({total} reminders due on {DAY:%-d %B %Y}):")
    scenario("one sweep, no fault", clean)
    for n in range(5):
        scenario(f"worker killed mid-sweep ({n + 1})", killed)
    scenario("Redis flushed with the sweep queued", redis_flushed)
    for n in range(2):
        scenario(f"database connection cut mid-sweep ({n + 1})", connection_cut)
    scenario("two workers sweeping at once", two_at_once)
    missed = sum(r[1] for r in results)
    duplicated = sum(r[2] for r in results)
    print(f"reminders under faults: {len(results)} runs, {missed} missed, {duplicated} duplicated")
    return missed == 0 and duplicated == 0 and all(r[3] == 0 for r in results)
