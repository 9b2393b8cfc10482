"""A software passkey for test clients: a P-256 key that answers the server's
WebAuthn challenges as a platform authenticator would ("none" attestation), so
tests go through django-otp-webauthn's real checks (challenge, origin, relying
party, signature, counter) without a browser. The browser tests use Chromium's
own virtual authenticator instead (tests/e2e/test_passkeys.py)."""

import hashlib
import json
import os
from base64 import urlsafe_b64encode

import cbor2
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

ORIGIN = "http://localhost:8000"  # config.settings' default origin in tests


def b64(data):
    return urlsafe_b64encode(data).rstrip(b"=").decode()


class SoftPasskey:
    def __init__(self, origin=ORIGIN):
        self.origin = origin
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.sign_count = 0

    def _public_key(self):
        numbers = self.key.public_key().public_numbers()
        # COSE_Key: EC2, ES256, P-256, x, y.
        return cbor2.dumps(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )

    def _authenticator_data(self, rp_id, attested):
        self.sign_count += 1
        flags = 0x01 | 0x04 | (0x40 if attested else 0)  # user present, verified, attested
        data = hashlib.sha256(rp_id.encode()).digest() + bytes([flags])
        data += self.sign_count.to_bytes(4, "big")
        if attested:
            data += bytes(16)  # AAGUID
            data += len(self.credential_id).to_bytes(2, "big") + self.credential_id
            data += self._public_key()
        return data

    def _client_data(self, kind, challenge):
        return json.dumps(
            {"type": kind, "challenge": challenge, "origin": self.origin, "crossOrigin": False}
        ).encode()

    def create(self, options):
        """The browser's answer to navigator.credentials.create(options)."""
        client_data = self._client_data("webauthn.create", options["challenge"])
        attestation = cbor2.dumps(
            {
                "fmt": "none",
                "attStmt": {},
                "authData": self._authenticator_data(options["rp"]["id"], attested=True),
            }
        )
        return {
            "id": b64(self.credential_id),
            "rawId": b64(self.credential_id),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "clientExtensionResults": {"credProps": {"rk": True}},
            "response": {
                "clientDataJSON": b64(client_data),
                "attestationObject": b64(attestation),
                "transports": ["internal"],
            },
        }

    def get(self, options):
        """The browser's answer to navigator.credentials.get(options)."""
        client_data = self._client_data("webauthn.get", options["challenge"])
        data = self._authenticator_data(options["rpId"], attested=False)
        signature = self.key.sign(
            data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
        )
        return {
            "id": b64(self.credential_id),
            "rawId": b64(self.credential_id),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "clientExtensionResults": {},
            "response": {
                "clientDataJSON": b64(client_data),
                "authenticatorData": b64(data),
                "signature": b64(signature),
            },
        }


# Test clients: the calls static/js/passkeys.mjs makes.
JSON = {"HTTP_ACCEPT": "application/json"}


def add_passkey(client, name="Work laptop", passkey=None, next_url=None):
    """Adds a passkey as the page's script does; returns it and the last answer."""
    from django.urls import reverse

    passkey = passkey or SoftPasskey()
    begin = client.post(reverse("passkey-add-begin"), {"name": name}, **JSON)
    assert begin.status_code == 200, begin.content
    url = reverse("passkey-add-complete") + (f"?next={next_url}" if next_url else "")
    complete = client.post(
        url, passkey.create(begin.json()), content_type="application/json", **JSON
    )
    return passkey, complete


def use_passkey(client, passkey, next_url=None, tamper=None):
    """The second step with a passkey, as the sign-in page's script does it."""
    from django.urls import reverse

    begin = client.post(reverse("passkey-sign-in-begin"), **JSON)
    assert begin.status_code == 200, begin.content
    answer = passkey.get(begin.json())
    if tamper:
        tamper(answer)
    url = reverse("passkey-sign-in-complete") + (f"?next={next_url}" if next_url else "")
    return client.post(url, answer, content_type="application/json", **JSON)
