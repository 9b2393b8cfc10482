"""Money as people read it: "£250,000" for whole pounds, "£33,333.34" with
pence, "−£1,200" for a fall. `{{ amount|money }}`; `{{ change|money_change }}`
adds a "+" to a rise."""

from decimal import Decimal

from django import template

register = template.Library()


def format_money(value, *, signed=False):
    if value is None or value == "":
        return ""
    amount = Decimal(value)
    sign = "−" if amount < 0 else ("+" if signed and amount > 0 else "")
    amount = abs(amount).quantize(Decimal("0.01"))
    text = f"{amount:,.2f}"
    if text.endswith(".00"):
        text = text[:-3]
    return f"{sign}£{text}"


@register.filter
def money(value):
    return format_money(value)


@register.filter
def money_change(value):
    return format_money(value, signed=True)


@register.filter
def percent(value):
    """A percentage as typed: 33.34%, 50%."""
    if value is None:
        return ""
    return f"{Decimal(value).normalize():f}%"
