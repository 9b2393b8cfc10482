"""Two-factor sign-in for tests: a real authenticator (a confirmed TOTP device
with a known key) for users who must have one, and its current code, so test
clients and the browser pass the second step the way a person does."""

import time

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from partnership.two_factor import APP_DEVICE_NAME, required_for


def authenticator_for(user):
    """The user's confirmed authenticator, made if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=APP_DEVICE_NAME, confirmed=True)
    return device


def needs_second_factor(user):
    return required_for(user) or TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def code_for(device):
    """The code the user's app shows now; the next step's if the current one was
    already used (django-otp accepts one step either side, never a code twice)."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    target = totp.t() if device.last_t is None else max(totp.t(), device.last_t + 1)
    while target - totp.t() > device.tolerance:  # wait for the app's next code
        time.sleep(1)
        totp.time = time.time()
    totp.time = device.t0 + (target - device.drift) * device.step
    return f"{totp.token():0{device.digits}d}"


def pass_second_factor(client, user):
    """Marks a test client's session as having passed two-factor sign-in with the
    user's own authenticator, as the sign-in step does."""
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = authenticator_for(user).persistent_id
    session.save()
