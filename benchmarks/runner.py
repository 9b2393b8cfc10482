"""Builds the benchmark world once (idempotent) and times each scenario.

Scenarios live in `benchmarks/scenarios.py` (partnership pages) and in one module
per app, `benchmarks/<app>.py`, each with `SCENARIOS = {name: fn(client, world)}`
and optionally `build(world)` to add its rows to the world (idempotently) and
`TARGETS = {name: ratio}`: the most a scenario may take as a multiple of the
health check in the same run, printed beside its figure as met or NOT MET."""

import gc
import importlib
import os
import pkgutil
import statistics
import time

from django.conf import settings
from django.core.management import call_command
from django.test import Client

import benchmarks
from partnership.tenancy import in_partnership
from tests.two_factor import pass_second_factor

from . import scenarios

REPEATS = int(os.environ.get("BENCH_REPEATS", "15"))


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
    world = scenarios.build_world()
    with in_partnership(world.partnership):
        for module in modules:
            if module is not scenarios and hasattr(module, "build"):
                module.build(world)
    _analyze()
    client = CheckedClient()
    client.force_login(world.manager)
    pass_second_factor(client, world.manager)  # a business manager signs in with two factors
    gc.freeze()  # as config/wsgi.py does once a server's worker has loaded the app
    rows, ratios, baselines = [], {}, []
    targets = {}
    for module in modules:
        targets.update(getattr(module, "TARGETS", {}))
        for name, scenario in module.SCENARIOS.items():
            if only and not any(word in name for word in only):
                continue
            seconds, baseline = _paired(
                lambda s=scenario: s(client, world), lambda: scenarios.baseline(client, world)
            )
            rows.append((name, seconds))
            if baseline:
                ratios[name] = seconds / statistics.median(baseline)
                baselines += baseline
    if REPEATS == 0:
        _summaries(modules, rows, world)
        print(f"Smoke run: {len(rows)} scenarios ran once and answered.")
        return
    baseline = statistics.median(baselines) if baselines else 0.0
    print(f"{'scenario':<50} {'median ms':>10} {'x baseline':>11}  target")
    print(f"{'baseline (health check)':<50} {baseline * 1000:>10.1f} {1:>11.1f}")
    for name, seconds in rows:
        ratio = ratios[name]
        print(f"{name:<50} {seconds * 1000:>10.1f} {ratio:>11.1f}  {_target(targets, name, ratio)}")
    _summaries(modules, rows, world)


def _target(targets, name, ratio):
    if name not in targets:
        return ""
    limit = targets[name]
    return f"<= {limit}x {'met' if ratio <= limit else 'NOT MET'}"


def _analyze():
    """Gives the planner statistics for the rows just built, as autovacuum does
    for a live database within a minute. Without them PostgreSQL guesses one row
    per table, nests loops over thousands, and the timings measure the guess."""
    from django.db import connections

    with connections["owner"].cursor() as cursor:  # only a table's owner may analyze it
        cursor.execute("ANALYZE")


def _summaries(modules, rows, world):
    """A module may add lines of its own about what it timed (`summary(timings, world)`)."""
    with in_partnership(world.partnership):
        for module in modules:
            if hasattr(module, "summary"):
                for line in module.summary(dict(rows), world):
                    print(line)


class CheckedClient(Client):
    """A scenario that stops working fails the run, instead of timing an error page."""

    def request(self, **request):
        response = super().request(**request)
        assert response.status_code in (200, 302), (request.get("PATH_INFO"), response.status_code)
        return response


def _paired(fn, baseline):
    """(median seconds of `fn`, [seconds of each baseline run]), the two run
    turn about: each scenario is compared with the health check timed beside
    it, so a machine that slows down for a while (another process, the
    database's own housekeeping) slows both. Timed once after the baseline,
    the ratios moved by half between two runs of the same code."""
    fn()  # warm up (and, with BENCH_REPEATS=0, the one run that proves it still works)
    times, baselines = [], []
    for _ in range(REPEATS):
        for run, into in ((baseline, baselines), (fn, times)):
            start = time.perf_counter()
            run()
            into.append(time.perf_counter() - start)
    return (statistics.median(times) if times else 0.0), baselines
