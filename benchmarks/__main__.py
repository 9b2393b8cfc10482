import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
os.environ.setdefault("DEBUG", "true")
os.environ["DATABASE_URL"] = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/spm_bench"
)


def main():
    import subprocess

    subprocess.run(
        [sys.executable, "scripts/ensure_database.py"], check=True, env=os.environ.copy()
    )
    import django

    django.setup()
    from .runner import run

    run(sys.argv[1:])


main()
