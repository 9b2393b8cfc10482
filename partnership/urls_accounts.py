from django.urls import path, re_path

from .views import accounts, passkeys, two_factor

urlpatterns = [
    path("sign-in/", accounts.sign_in, name="login"),
    path("sign-out/", accounts.sign_out, name="logout"),
    path("signed-in/", accounts.signed_in_again, name="signed-in-again"),
    path("password/reset/", accounts.password_reset, name="password_reset"),
    path("password/reset/sent/", accounts.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        accounts.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/reset/done/", accounts.password_reset_complete, name="password_reset_complete"),
    path("password/change/", accounts.password_change, name="password_change"),
    path("password/change/done/", accounts.password_change_done, name="password_change_done"),
    path("two-factor/", two_factor.two_factor_manage, name="two-factor"),
    path("two-factor/sign-in/", two_factor.two_factor_sign_in, name="two-factor-sign-in"),
    path("two-factor/set-up/", two_factor.two_factor_set_up, name="two-factor-set-up"),
    path(
        "two-factor/backup-codes/",
        two_factor.two_factor_backup_codes,
        name="two-factor-backup-codes",
    ),
    path("two-factor/passkeys/add/", passkeys.passkey_add, name="passkey-add"),
    path("two-factor/passkeys/add/begin/", passkeys.passkey_add_begin, name="passkey-add-begin"),
    path(
        "two-factor/passkeys/add/complete/",
        passkeys.passkey_add_complete,
        name="passkey-add-complete",
    ),
    re_path(
        r"^two-factor/passkeys/(?P<passkey_id>[0-9a-f]{64})/remove/$",
        passkeys.passkey_remove,
        name="passkey-remove",
    ),
    path(
        "two-factor/passkeys/sign-in/begin/",
        passkeys.passkey_sign_in_begin,
        name="passkey-sign-in-begin",
    ),
    path(
        "two-factor/passkeys/sign-in/complete/",
        passkeys.passkey_sign_in_complete,
        name="passkey-sign-in-complete",
    ),
]
