"""Every `make bench` scenario runs once, in a small world, on every `make test`:
a benchmark that stops working fails the build instead of rotting unnoticed."""

import os
import subprocess
import sys
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def test_every_benchmark_scenario_still_runs():
    database = settings.DATABASES["owner"]
    url = (
        f"postgres://{database['USER']}@{database['HOST'] or '127.0.0.1'}:"
        f"{database['PORT'] or 5432}/{database['NAME']}_bench_smoke"
    )
    env = {
        **os.environ,
        "BENCH_SCALE": "0.01",
        "BENCH_REPEATS": "0",
        "BENCH_DATABASE_URL": url,
    }
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "scenarios ran once and answered" in result.stdout
