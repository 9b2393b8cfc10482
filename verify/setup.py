"""The verify database: created, migrated as the owner, used as the app role."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def environment():
    """The environment every verify process runs with."""
    owner = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/spm")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DEBUG": "true",
        "DATABASE_URL": os.environ.get("VERIFY_DATABASE_URL", owner + "_verify"),
    }
    env.pop("APP_DATABASE_URL", None)
    return env


def prepare():
    """Creates and migrates the verify database, then sets up Django in this
    process on it."""
    env = environment()
    os.environ.update(env)
    subprocess.run([sys.executable, "scripts/ensure_database.py"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    import django

    django.setup()
    return env
