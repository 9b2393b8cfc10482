"""The backup and restore drill: pg_dump the verify database, pg_restore it
into a fresh database, and prove the copy is the same: every table's row count
and a checksum of its rows, every row-level security policy and trigger, and
the service starting on it (migrations up to date, health check and sign-in
page answering)."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent


def _with_database(url, name):
    parts = urlparse(url)
    return urlunparse(parts._replace(path=f"/{name}"))


def _libpq(url):
    parts = urlparse(url)
    return {
        "PGHOST": parts.hostname or "127.0.0.1",
        "PGPORT": str(parts.port or 5432),
        "PGUSER": parts.username or "postgres",
        **({"PGPASSWORD": parts.password} if parts.password else {}),
    }


def _connect(url):
    import psycopg2

    parts = urlparse(url)
    connection = psycopg2.connect(
        dbname=parts.path.lstrip("/"),
        user=parts.username or "postgres",
        password=parts.password,
        host=parts.hostname or "127.0.0.1",
        port=parts.port or 5432,
    )
    connection.autocommit = True
    return connection


def _fingerprint(url):
    """{table: (rows, checksum)}, policies and triggers, read as the owner."""
    from partnership import rls

    connection = _connect(url)
    with connection.cursor() as cursor:
        cursor.execute("SET app.across_partnerships = 'on'")
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
        )
        tables = [row[0] for row in cursor.fetchall()]
        rows = {}
        for table in tables:
            cursor.execute(
                f"SELECT count(*), coalesce(md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))), '') FROM \"{table}\" t"  # noqa: E501, S608 - catalogue names
            )
            rows[table] = cursor.fetchone()
        found = rls.policies(cursor)
        policies = {
            table: (state["enabled"], state["forced"], sorted(state["policies"]))
            for table, state in found.items()
        }
        cursor.execute(
            "SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
            " WHERE NOT t.tgisinternal ORDER BY 1, 2"
        )
        triggers = cursor.fetchall()
    connection.close()
    return rows, policies, triggers


def run(env):
    source = env["DATABASE_URL"]
    name = urlparse(source).path.lstrip("/") + "_restored"
    target = _with_database(source, name)
    libpq = {**os.environ, **_libpq(source)}
    admin = _connect(_with_database(source, "postgres"))
    with admin.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory() as folder:
            dump = Path(folder) / "backup.dump"
            subprocess.run(
                ["pg_dump", "--format=custom", "--file", str(dump), urlparse(source).path[1:]],
                env=libpq,
                check=True,
            )
            subprocess.run(
                ["pg_restore", "--exit-on-error", "--dbname", name, str(dump)],
                env=libpq,
                check=True,
            )
            size = dump.stat().st_size
        before, after = _fingerprint(source), _fingerprint(target)
        rows_before, rows_after = before[0], after[0]
        differing = sorted(t for t in rows_before if rows_before[t] != rows_after.get(t))
        total = sum(count for count, _ in rows_before.values())
        starts = _service_starts({**env, "DATABASE_URL": target})
        print(
            f"backup drill: dump {size / 1024:.0f} KB; {len(rows_before)} tables, {total} rows; "
            f"restored copy: {len(differing)} tables differing in rows or checksum, "
            f"policies {'identical' if before[1] == after[1] else 'DIFFERENT'} "
            f"({len(after[1])} tenant tables), triggers "
            f"{'identical' if before[2] == after[2] else 'DIFFERENT'} ({len(after[2])}), "
            f"service on the copy: {'starts' if starts else 'FAILS'}"
        )
        return not differing and before[1:] == after[1:] and starts
    finally:
        with admin.cursor() as cursor:
            cursor.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s",
                [name],
            )
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.close()


def _service_starts(env):
    check = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    probe = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup()\n"
            "from django.test import Client\n"
            "c = Client(HTTP_HOST='127.0.0.1')\n"
            "assert c.get('/healthz').status_code == 200\n"
            "assert c.get('/accounts/sign-in/').status_code == 200\n",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    if check.returncode or probe.returncode:
        print(check.stdout[-2000:], check.stderr[-2000:], probe.stderr[-2000:])
    return check.returncode == 0 and probe.returncode == 0
