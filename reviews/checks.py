"""System checks of the case review app: a deployment without an encryption
key for real identifiers is not ready."""

from cryptography.fernet import Fernet
from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def encryption_key_set(app_configs, **kwargs):
    if settings.FIELD_ENCRYPTION_KEY:
        try:
            [Fernet(key) for key in settings.FIELD_ENCRYPTION_KEY]
        except ValueError:
            return [
                Error(
                    "FIELD_ENCRYPTION_KEY must be Fernet keys (32 url-safe base64-encoded bytes)",
                    id="reviews.E002",
                )
            ]
        return []
    return [
        Error(
            "FIELD_ENCRYPTION_KEY is not set: real identifiers on case reviews cannot be "
            "recorded or revealed.",
            hint="Generate one with: python -c 'from cryptography.fernet import Fernet; "
            "print(Fernet.generate_key().decode())'",
            id="reviews.E001",
        )
    ]
