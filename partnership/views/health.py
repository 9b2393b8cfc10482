import redis
from django.conf import settings
from django.db import connection, transaction
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET


@transaction.non_atomic_requests
@never_cache
@require_GET
def healthz(request):
    """Database and Redis status for load balancers and monitoring: 200 when both
    answer, 503 otherwise. Says nothing about any partnership."""
    status = {"database": _check_database(), "redis": _check_redis()}
    healthy = all(v == "ok" for v in status.values())
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **status}, status=200 if healthy else 503
    )


def _check_database():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means unavailable
        return "unavailable"
    return "ok"


def _check_redis():
    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_connect_timeout=2, socket_timeout=2
        )
        client.ping()
    except Exception:  # noqa: BLE001 - any failure means unavailable
        return "unavailable"
    return "ok"
