"""Field-level encryption of real identifiers (names, dates of birth), with
keys kept outside the database (settings.FIELD_ENCRYPTION_KEY, from the
environment). MultiFernet: the first key encrypts, every key decrypts, so keys
can be rotated (`rotate` re-encrypts a token with the first key)."""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class UnreadableIdentifier(Exception):
    """A stored identifier no configured key can decrypt."""


@lru_cache(maxsize=4)
def _fernet_for(keys):
    if not keys:
        raise ImproperlyConfigured(
            "Set FIELD_ENCRYPTION_KEY in the environment to record or reveal real identifiers."
        )
    try:
        return MultiFernet([Fernet(key) for key in keys])
    except ValueError as error:
        raise ImproperlyConfigured(
            "FIELD_ENCRYPTION_KEY must be Fernet keys (32 url-safe base64-encoded bytes)"
        ) from error


def _fernet():
    return _fernet_for(tuple(settings.FIELD_ENCRYPTION_KEY))


def encrypt(text):
    """The token for `text` ("" stays "")."""
    if not text:
        return ""
    return _fernet().encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token):
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        raise UnreadableIdentifier("No configured key decrypts this identifier") from error


def rotate(token):
    """The token re-encrypted with the first (newest) key."""
    return _fernet().rotate(token.encode("ascii")).decode("ascii") if token else ""
