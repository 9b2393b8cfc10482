"""People pickers on forms: a text box that the type-ahead (static/js/typeahead.mjs)
improves into a combobox of server-side matches. Without JavaScript it is a
plain text box: what was typed is read as a name here, on the server."""

from django import forms
from django.urls import reverse

from . import search


def typeahead_attrs(partnership, kinds, *, multiple=False, create_team=False):
    """The attributes that make a text input a type-ahead of `kinds` (a tuple of
    search.KINDS) in `partnership`; `multiple`: several names separated by /."""
    url = reverse("partnership:search", kwargs={"partnership_slug": partnership.slug})
    attrs = {
        "data-typeahead": f"{url}?kinds={','.join(kinds)}",
        # Not autocomplete="off" here: it would stop the browser restoring what
        # was typed when someone comes Back to the form. The type-ahead turns
        # it off while it runs (its own list replaces the browser's).
        "spellcheck": "false",
    }
    if multiple:
        attrs["data-typeahead-multiple"] = ""
    if create_team:
        attrs["data-typeahead-create-team"] = reverse(
            "partnership:team-create", kwargs={"partnership_slug": partnership.slug}
        )
    return attrs


class PersonPickField(forms.CharField):
    """One person, typed or picked: their name, initials or a pick's token."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 200)
        super().__init__(*args, **kwargs)
        self.partnership = None
        self.keep = None  # a person already chosen, found even if they have left

    def enable(self, partnership):
        """Called by the form: the partnership to search, and the type-ahead."""
        self.partnership = partnership
        self.widget.attrs.update(typeahead_attrs(partnership, ("person",)))

    def prepare_value(self, value):
        if hasattr(value, "full_name"):
            return value.full_name
        return value

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        if self.keep is not None and text.strip().lower() == self.keep.full_name.lower():
            return self.keep
        found = search.owners_named(self.partnership, text, kinds=("person",))
        if not found:
            raise forms.ValidationError(f"No one called ‘{text}’ is recorded here")
        if len(found) > 1:
            names = ", ".join(p.full_name for p in found[:5])
            raise forms.ValidationError(
                f"‘{text}’ could be {names}{' or others' if len(found) > 5 else ''}: "
                "type more of the name"
            )
        return found[0]
