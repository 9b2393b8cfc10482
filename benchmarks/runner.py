"""Builds the benchmark partnership once (idempotent) and times each scenario."""

import statistics
import time

from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django_scopes import scopes_disabled

from . import scenarios

REPEATS = 15


def run(only):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0, interactive=False)
    with scopes_disabled():
        world = scenarios.build_world()
    client = Client()
    client.force_login(world.manager)
    rows = []
    for name, scenario in scenarios.SCENARIOS.items():
        if only and name not in only:
            continue
        rows.append((name, _median(lambda s=scenario: s(client, world))))
    baseline = _median(lambda: scenarios.baseline(client, world))
    print(f"{'scenario':<40} {'median ms':>10} {'x baseline':>11}")
    print(f"{'baseline (health check)':<40} {baseline * 1000:>10.1f} {1:>11.1f}")
    for name, seconds in rows:
        print(f"{name:<40} {seconds * 1000:>10.1f} {seconds / baseline:>11.1f}")


def _median(fn):
    fn()  # warm up
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
