"""Business-day deadlines (días hábiles), without Odoo."""

from datetime import date, timedelta

import pytest
from conftest import load_tool
from hypothesis import given
from hypothesis import strategies as st

bd = load_tool("migrant_integration", "business_days")


def test_ten_business_days_across_a_weekend_and_a_national_holiday():
    # Notified on Friday 4 December 2026; Tuesday 8 December is a national holiday.
    deadline = bd.add_business_days(date(2026, 12, 4), 10, holidays={date(2026, 12, 8)})
    # Counted: 7, 9, 10, 11, 14, 15, 16, 17, 18, 21 December.
    assert deadline == date(2026, 12, 21)


def test_notification_day_does_not_count():
    assert bd.add_business_days(date(2026, 11, 23), 1) == date(2026, 11, 24)
    # Notified on a Friday: the first business day is Monday.
    assert bd.add_business_days(date(2026, 11, 27), 1) == date(2026, 11, 30)


def test_a_local_holiday_moves_the_deadline_later():
    start = date(2026, 5, 8)
    national = {date(2026, 5, 1)}
    madrid = national | {date(2026, 5, 15)}  # San Isidro, a local holiday in Madrid
    assert bd.add_business_days(start, 10, madrid) > bd.add_business_days(start, 10, national)


def test_bad_counts_are_refused():
    for days in (0, -1, 400, 2.5):
        with pytest.raises(ValueError):
            bd.add_business_days(date(2026, 1, 1), days)
    with pytest.raises(ValueError):
        bd.add_business_days(date(2026, 1, 1), 3, non_working_weekdays=range(7))


@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31)),
    days=st.integers(min_value=1, max_value=60),
    holidays=st.sets(st.dates(min_value=date(2020, 1, 1), max_value=date(2031, 6, 30))),
)
def test_deadline_is_a_business_day_and_counts_exactly(start, days, holidays):
    deadline = bd.add_business_days(start, days, holidays)
    assert deadline.weekday() < 5 and deadline not in holidays
    counted = sum(
        1
        for n in range(1, (deadline - start).days + 1)
        if (d := start + timedelta(days=n)).weekday() < 5 and d not in holidays
    )
    assert counted == days
