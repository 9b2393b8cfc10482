"""System checks of the kernel: a deployment whose passkeys would belong to
localhost, or be checked against a plain-HTTP origin, is not ready."""

from django.conf import settings
from django.core import checks
from django.core.checks import register


@register(deploy=True)
def passkeys_belong_to_the_service(app_configs, **kwargs):
    problems = []
    if settings.OTP_WEBAUTHN_RP_ID in ("localhost", "127.0.0.1", ""):
        problems.append(
            checks.Warning(
                f"Passkeys would belong to {settings.OTP_WEBAUTHN_RP_ID!r}, not to the "
                "service's domain: none made here would work at its real address.",
                hint="Set SITE_URL to the service's address (or WEBAUTHN_RP_ID and "
                "WEBAUTHN_ORIGINS). Changing it later makes every passkey unusable.",
                id="partnership.W001",
            )
        )
    insecure = [o for o in settings.OTP_WEBAUTHN_ALLOWED_ORIGINS if not o.startswith("https://")]
    if insecure:
        problems.append(
            checks.Warning(
                f"Passkeys would be accepted from origins without HTTPS: {insecure}",
                hint="SITE_URL (or WEBAUTHN_ORIGINS) should start with https://.",
                id="partnership.W002",
            )
        )
    return problems
