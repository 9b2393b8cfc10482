"""Working days counted by whole weeks (`working_days_after`) agree with
counting them one day at a time, across weekends, bank holidays and years."""

import datetime

from partnership.working_days import is_working_day, working_days_after
from reviews.clocks import working_days_between

D = datetime.date
DAY = datetime.timedelta(days=1)


def _one_by_one(start, end):
    count, day = 0, start
    while day < end:
        day += DAY
        count += is_working_day(day)
    return count


def test_counted_by_weeks_as_one_day_at_a_time():
    # Every start in a fortnight either side of Christmas and Easter, every
    # length up to two years: each weekday it can start on, holidays inside the
    # range, at its ends and across the new year.
    starts = [D(2025, 12, 12) + n * DAY for n in range(28)] + [
        D(2026, 3, 27) + n * DAY for n in range(14)
    ]
    lengths = [*range(0, 40), 100, 364, 365, 366, 731]
    for start in starts:
        for length in lengths:
            end = start + length * DAY
            assert working_days_after(start, end) == _one_by_one(start, end), (start, end)


def test_nothing_after_a_day_up_to_itself_or_earlier():
    assert working_days_after(D(2026, 1, 5), D(2026, 1, 5)) == 0
    assert working_days_after(D(2026, 1, 5), D(2026, 1, 1)) == 0


def test_a_clock_overdue_for_a_year_counts_back_the_same_way():
    today = D(2026, 12, 3)
    due = D(2025, 11, 20)
    assert working_days_between(today, due) == -_one_by_one(due, today)
    assert working_days_between(due, today) == _one_by_one(due, today)
