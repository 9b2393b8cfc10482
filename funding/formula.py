"""The funding formula: a target budget split into each partner's required
contribution, exact to the penny.

Every share is first worked out exactly and rounded *down* to the penny; the
pennies that rounding leaves over (fewer than the number of partners) are then
given out one each, to the partners whose exact share lost the most in rounding,
and between equals to the partner listed first (statutory partners first, then
by name). So the shares always add up to the target exactly, no partner pays
more than a penny above their exact share, and the page says who took the
pennies. This is the largest remainder (Hamilton) method; with equal shares it
means "the first partners in the list pay a penny more"."""

from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

PENNY = Decimal("0.01")
HUNDRED = Decimal("100")


class FormulaError(ValueError):
    """The formula cannot split the budget (no partners; percentages not 100)."""


@dataclass(frozen=True)
class Split:
    shares: dict  # key -> Decimal, in the order the partners were given
    exact: dict  # key -> Decimal: the share before rounding
    extra_penny: tuple  # keys whose share was rounded up by a penny

    @property
    def total(self):
        return sum(self.shares.values(), Decimal("0"))


def percentages_total(percentages):
    return sum((p for p in percentages if p is not None), Decimal("0"))


def split(target, partners, *, percentages=None):
    """`target` (Decimal pounds) split between `partners` (keys, in list order):
    equally, or by `percentages` ({key: Decimal}) that must add up to 100."""
    target = Decimal(target)
    if target != target.quantize(PENNY) or target < 0:
        raise FormulaError("The target budget must be an amount of pounds and pence")
    partners = list(partners)
    if not partners:
        raise FormulaError("Choose at least one partner to share the budget")
    if percentages is None:
        weights = {key: Decimal("1") for key in partners}
        whole = Decimal(len(partners))
    else:
        weights = {key: Decimal(percentages.get(key) or 0) for key in partners}
        whole = percentages_total(weights.values())
        if whole != HUNDRED:
            raise FormulaError(f"The percentages add up to {whole.normalize():f}, not 100")
        if any(weight <= 0 for weight in weights.values()):
            raise FormulaError("Give every partner in the formula a percentage above 0")
    exact = {key: target * weights[key] / whole for key in partners}
    shares = {key: exact[key].quantize(PENNY, rounding=ROUND_DOWN) for key in partners}
    left_over = int((target - sum(shares.values())) / PENNY)
    # Largest loss to rounding first; between equals, the earlier partner.
    order = sorted(
        range(len(partners)), key=lambda i: (-(exact[partners[i]] - shares[partners[i]]), i)
    )
    extra = tuple(partners[i] for i in sorted(order[:left_over]))
    for key in extra:
        shares[key] += PENNY
    assert sum(shares.values()) == target
    return Split(shares=shares, exact=exact, extra_penny=extra)
