"""Builds the benchmark world once (idempotent) and times each scenario.

Scenarios live in `benchmarks/scenarios.py` (partnership pages) and in one module
per app, `benchmarks/<app>.py`, each with `SCENARIOS = {name: fn(client, world)}`
and optionally `build(world)` to add its rows to the world (idempotently)."""

import importlib
import pkgutil
import statistics
import time

from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django_scopes import scopes_disabled

import benchmarks

from . import scenarios

REPEATS = 15


def _modules():
    yield scenarios
    for module in pkgutil.iter_modules(benchmarks.__path__):
        if module.name not in {"scenarios", "runner", "__main__"}:
            yield importlib.import_module(f"benchmarks.{module.name}")


def run(only):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0, interactive=False)
    modules = list(_modules())
    with scopes_disabled():
        world = scenarios.build_world()
        for module in modules:
            if module is not scenarios and hasattr(module, "build"):
                module.build(world)
    client = Client()
    client.force_login(world.manager)
    rows = []
    for module in modules:
        for name, scenario in module.SCENARIOS.items():
            if only and not any(word in name for word in only):
                continue
            rows.append((name, _median(lambda s=scenario: s(client, world))))
    baseline = _median(lambda: scenarios.baseline(client, world))
    print(f"{'scenario':<50} {'median ms':>10} {'x baseline':>11}")
    print(f"{'baseline (health check)':<50} {baseline * 1000:>10.1f} {1:>11.1f}")
    for name, seconds in rows:
        print(f"{name:<50} {seconds * 1000:>10.1f} {seconds / baseline:>11.1f}")


def _median(fn):
    fn()  # warm up
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
