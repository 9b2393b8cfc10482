from django.shortcuts import render

from partnership.views.common import posted  # noqa: F401 - the views' one way to bind


def form_page(request, form, *, title, caption="", back, submit="Save", intro="", files=False):
    """A one-form page (reviews/form.html): title, caption, back link, the form
    with its error summary, a submit button and Cancel."""
    return render(
        request,
        "reviews/form.html",
        {
            "form": form,
            "title": title,
            "caption": caption,
            "back": back,
            "submit": submit,
            "intro": intro,
            "files": files,
        },
    )
