"""The one way to write: services take cleaned data, run in one transaction and
name the person acting in the history of every row they change.

    @service
    def board_update(*, board, data, acting_user):
        return model_update(instance=board, data=data, fields=BOARD_FIELDS)

Views, Celery tasks and management commands all call services; a service is
keyword-only and must be given `acting_user` (a task passes the user who asked
for the work; a sweep that nobody asked for passes None, and says so). While a
service runs, simple-history records that user on every historical row, however
the row was saved, so the history of a change made outside a request names
somebody too.
"""

import contextvars
from contextlib import contextmanager
from functools import wraps

from django.db import transaction

_acting_user = contextvars.ContextVar("acting_user", default=None)
_UNSET = object()


@contextmanager
def acting_as(user):
    """Everything saved inside is recorded in the history as done by `user`."""
    token = _acting_user.set(user)
    try:
        yield
    finally:
        _acting_user.reset(token)


def history_user(instance=None, request=None, **kwargs):
    """simple-history's `get_user` for every model: the service's acting user,
    else the signed-in user of the request being served (admin, forms)."""
    user = _acting_user.get()
    if user is not None:
        return user
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


def service(fn):
    """Marks a write. Keyword-only; `acting_user` is required (None only where no
    person asked for the change); runs in one transaction with the history
    naming `acting_user`."""

    @wraps(fn)
    def wrapped(*args, acting_user=_UNSET, **kwargs):
        if args:
            raise TypeError(f"{fn.__name__} takes keyword arguments only")
        if acting_user is _UNSET:
            raise TypeError(f"{fn.__name__} needs acting_user=")
        with transaction.atomic(), acting_as(acting_user):
            return fn(acting_user=acting_user, **kwargs)

    return wrapped


def locked(instance):
    """The row as it is now, locked until the transaction ends: an update compares
    against the database, not against an instance a ModelForm already changed."""
    return type(instance).objects.select_for_update().get(pk=instance.pk)


def set_fields(instance, data, fields):
    """Sets those of `fields` that `data` has (for a row being created)."""
    for name in fields:
        if name in data:
            setattr(instance, name, data[name])
    return instance


def model_update(*, instance, data, fields):
    """Sets those of `fields` whose value in `data` differs, validates the model
    and saves just the changed fields (and `updated_at`). Returns the names of
    the fields that changed (empty: nothing to save, nothing saved).

    A field missing from `data` is left as it is."""
    changed = []
    for name in fields:
        if name not in data:
            continue
        field = instance._meta.get_field(name)
        current = getattr(instance, field.attname if field.is_relation else name)
        new = data[name]
        if field.is_relation:
            new_id = new.pk if new is not None else None
            if current != new_id:
                setattr(instance, name, new)
                changed.append(name)
        elif current != new:
            setattr(instance, name, new)
            changed.append(name)
    if not changed:
        return []
    instance.full_clean(exclude=[f.name for f in instance._meta.fields if f.name not in changed])
    update_fields = list(changed)
    if any(f.name == "updated_at" for f in instance._meta.concrete_fields):
        update_fields.append("updated_at")
    instance.save(update_fields=update_fields)
    return changed
