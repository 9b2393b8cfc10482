"""The funding formula's arithmetic: exact to the penny, the remainder stated."""

from decimal import Decimal as D

import pytest
from django import forms

from funding.formula import FormulaError, split


def test_an_even_split_has_no_remainder():
    result = split(D("90000.00"), ["council", "police", "health"])
    assert result.shares == {k: D("30000.00") for k in ("council", "police", "health")}
    assert result.extra_penny == ()


def test_an_uneven_equal_split_gives_the_left_over_penny_to_the_first_partner():
    result = split(D("100000.00"), ["council", "police", "health"])
    assert result.shares == {
        "council": D("33333.34"),
        "police": D("33333.33"),
        "health": D("33333.33"),
    }
    assert result.extra_penny == ("council",)
    assert result.total == D("100000.00")


def test_two_left_over_pennies_go_to_the_first_two_partners():
    result = split(D("100.02"), ["a", "b", "c"])
    assert result.shares == {"a": D("33.34"), "b": D("33.34"), "c": D("33.34")}
    result = split(D("100.01"), ["a", "b", "c"])
    assert result.shares == {"a": D("33.34"), "b": D("33.34"), "c": D("33.33")}
    assert result.extra_penny == ("a", "b")


def test_percentages_split_exactly_and_the_penny_goes_to_the_largest_loss():
    result = split(
        D("1000.01"),
        ["council", "police", "health"],
        percentages={"council": D("50"), "police": D("25"), "health": D("25")},
    )
    # Exact shares 500.005, 250.0025, 250.0025: the council lost most to rounding.
    assert result.shares == {
        "council": D("500.01"),
        "police": D("250.00"),
        "health": D("250.00"),
    }
    assert result.extra_penny == ("council",)
    assert result.total == D("1000.01")


def test_percentages_with_pennies_sum_to_the_target_whatever_the_target():
    partners = ["a", "b", "c", "d", "e", "f", "g"]
    percentages = dict(
        zip(
            partners,
            [D("13.13"), D("17.17"), D("9.09"), D("21.21"), D("11.11"), D("14.14"), D("14.15")],
            strict=True,
        )
    )
    for pence in (1, 99, 12345, 9999999, 123456789):
        target = D(pence) / 100
        result = split(target, partners, percentages=percentages)
        assert result.total == target
        for key in partners:
            assert abs(result.shares[key] - result.exact[key]) < D("0.01")


@pytest.mark.parametrize(
    "percentages",
    [
        {"a": D("50"), "b": D("40")},
        {"a": D("50"), "b": D("50.01")},
        {"a": D("100"), "b": D("0")},
    ],
)
def test_percentages_that_do_not_add_up_to_100_are_refused(percentages):
    with pytest.raises(FormulaError):
        split(D("1000.00"), ["a", "b"], percentages=percentages)


def test_a_target_in_fractions_of_a_penny_or_no_partners_is_refused():
    with pytest.raises(FormulaError):
        split(D("10.005"), ["a"])
    with pytest.raises(FormulaError):
        split(D("10.00"), [])


def test_a_zero_budget_splits_into_zeros():
    assert split(D("0.00"), ["a", "b"]).shares == {"a": D("0.00"), "b": D("0.00")}


@pytest.mark.parametrize("text", ["9" * 40, "99999999999999999999999999999.999"])
def test_an_amount_too_long_to_round_is_too_large_not_an_error(text):
    from funding.forms import MoneyField

    with pytest.raises(forms.ValidationError) as error:
        MoneyField(name="the amount").clean(text)
    assert error.value.code == "max"
