"""What every meetings view shares: the confirm-then-act page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render


def confirm(request, template, context, *, act, done):
    """A confirmation page whose POST calls `act()`: done, it goes back to the
    meeting with the message `done`; refused (ValidationError), the page says why."""
    error = None
    if request.method == "POST":
        try:
            act()
        except ValidationError as problem:
            error = problem.messages[0]
        else:
            messages.success(request, done)
            return redirect(context["meeting"])
    return render(request, template, {**context, "error": error})
