"""Creates what the service needs in PostgreSQL, so `make run` and `make test`
work on a fresh machine. Idempotent, and safe while other checkouts use the same
server at the same time.

- the database named in DATABASE_URL (whose user owns the tables and runs the
  migrations), if it does not exist yet;
- the app role (APP_DATABASE_URL's user, else APP_DATABASE_USER, default
  spm_app): it can sign in, owns nothing, and can neither bypass row-level
  security nor create databases or roles. Roles belong to the whole server, so
  its attributes are set again every time: nobody's leftover role can quietly
  keep BYPASSRLS. Its table privileges are granted by every `migrate`
  (partnership.rls), which also creates the row-level security policies.
"""

import os
import sys
from urllib.parse import unquote, urlparse

import psycopg2
from psycopg2 import errors, sql

owner = urlparse(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/spm"))
app = urlparse(os.environ.get("APP_DATABASE_URL", ""))
name = owner.path.lstrip("/")
app_user = unquote(app.username) if app.username else os.environ.get("APP_DATABASE_USER", "spm_app")
app_password = (
    unquote(app.password) if app.password else os.environ.get("APP_DATABASE_PASSWORD") or None
)

try:
    connection = psycopg2.connect(
        dbname="postgres",
        user=owner.username or "postgres",
        password=owner.password,
        host=owner.hostname or "127.0.0.1",
        port=owner.port or 5432,
        connect_timeout=5,
    )
except psycopg2.OperationalError as error:
    sys.exit(f"Cannot reach PostgreSQL at {owner.hostname}:{owner.port or 5432}: {error}")
connection.autocommit = True
with connection.cursor() as cursor:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    if cursor.fetchone() is None:
        try:
            cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created database {name}")
        except errors.DuplicateDatabase:
            pass  # created by someone else a moment ago
    if app_user != (owner.username or "postgres"):
        try:
            cursor.execute(sql.SQL("CREATE ROLE {} LOGIN").format(sql.Identifier(app_user)))
            print(f"Created database role {app_user}")
        except (errors.DuplicateObject, errors.UniqueViolation):
            pass  # it exists (perhaps created a moment ago by another checkout)
        cursor.execute(
            sql.SQL(
                "ALTER ROLE {} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE"
                " NOREPLICATION PASSWORD %s"
            ).format(sql.Identifier(app_user)),
            [app_password],
        )
connection.close()
