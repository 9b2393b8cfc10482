"""Load: the heaviest pages under a bounded load, against gunicorn on this
machine's loopback only: CLIENTS concurrent signed-in clients (a business
manager with two-factor sign-in passed) each make REQUESTS requests in turn
over the pages. Prints p50 and p95 per page and overall; any answer other than
200 is an error, and there must be none."""

import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CLIENTS = int(os.environ.get("LOAD_CLIENTS", "8"))
REQUESTS = int(os.environ.get("LOAD_REQUESTS", "40"))  # per client
SCALE = os.environ.get("LOAD_SCALE", "0.2")  # of the benchmark world


def _world():
    os.environ["BENCH_SCALE"] = SCALE
    from benchmarks import actions, meetings, scenarios
    from partnership.tenancy import in_partnership

    world = scenarios.build_world()
    with in_partnership(world.partnership):
        actions.build(world)
        meetings.build(world)
    return world


def _session_cookie(user):
    """A session as the sign-in steps leave it (password, then the code)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY

    from tests.two_factor import authenticator_for

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[DEVICE_ID_SESSION_KEY] = authenticator_for(user).persistent_id
    session["signed_in_at"] = time.time()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def _pages(world):
    slug = world.partnership.slug
    meeting = world.extra["meeting"]
    return {
        "home (my actions, my meetings)": "/",
        "partnership overview": f"/p/{slug}/",
        "board page": f"/p/{slug}/boards/{world.board.uuid}/",
        "people list": f"/p/{slug}/people/?page=4",
        "action log": f"/p/{slug}/actions/",
        "action log, filtered and sorted": f"/p/{slug}/actions/?overdue=1&sort=rag&q=audit",
        "minuting screen": f"/p/{slug}/meetings/{meeting.uuid}/minutes/",
        "audit log": f"/p/{slug}/audit/",
    }


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run(env):
    world = _world()
    user = world.manager
    user.set_password("load-test-password-1")
    user.save()
    cookie = _session_cookie(user)
    pages = _pages(world)
    port = _free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "config.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
            "--threads",
            "2",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**env, "ALLOWED_HOSTS": "127.0.0.1"},
    )
    try:
        _wait_for(port)
        timings = {name: [] for name in pages}
        errors = []
        names = list(pages)

        def client(k):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            for n in range(REQUESTS):
                name = names[(k + n) % len(names)]
                started = time.perf_counter()
                try:
                    connection.request("GET", pages[name], headers={"Cookie": cookie})
                    response = connection.getresponse()
                    response.read()
                    status = response.status
                except (OSError, http.client.HTTPException) as error:
                    status = repr(error)
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                timings[name].append(time.perf_counter() - started)
                if status != 200:
                    errors.append((name, status))

        started = time.perf_counter()
        threads = [threading.Thread(target=client, args=(k,)) for k in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=30)
    every = [t for ts in timings.values() for t in ts]
    print(
        f"load: {CLIENTS} clients x {REQUESTS} requests over {len(pages)} pages "
        f"(127.0.0.1, gunicorn 2 workers x 2 threads), {len(every) / elapsed:.1f} requests/s:"
    )
    for name, ts in timings.items():
        print(f"  {name:<36} p50 {_ms(ts, 50):>7.0f} ms   p95 {_ms(ts, 95):>7.0f} ms")
    print(
        f"load: {len(every)} requests, {len(errors)} errors, p95 {_ms(every, 95):.0f} ms"
        + (f"; errors: {errors[:5]}" if errors else "")
    )
    return not errors


def _ms(times, percentile):
    if len(times) < 2:
        return (times[0] if times else 0) * 1000
    return statistics.quantiles(times, n=100)[percentile - 1] * 1000


def _wait_for(port):
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")
