"""Creates the PostgreSQL database named in DATABASE_URL if it does not exist yet,
so `make run` and `make test` work on a fresh machine. Idempotent."""

import os
import sys
from urllib.parse import urlparse

import psycopg2
from psycopg2 import sql

url = urlparse(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/spm"))
name = url.path.lstrip("/")
try:
    connection = psycopg2.connect(
        dbname="postgres",
        user=url.username or "postgres",
        password=url.password,
        host=url.hostname or "127.0.0.1",
        port=url.port or 5432,
        connect_timeout=5,
    )
except psycopg2.OperationalError as error:
    sys.exit(f"Cannot reach PostgreSQL at {url.hostname}:{url.port or 5432}: {error}")
connection.autocommit = True
with connection.cursor() as cursor:
    cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
    if cursor.fetchone() is None:
        cursor.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
        print(f"Created database {name}")
connection.close()
