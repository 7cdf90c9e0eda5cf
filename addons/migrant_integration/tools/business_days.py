"""Legal deadlines in business days (días hábiles).

Spanish administrative law (Ley 39/2015, art. 30) counts deadlines in business days
from the day after the notification, leaving out Saturdays, Sundays and public
holidays. No Odoo import: tested by plain pytest; the Odoo layer passes the
non-working weekdays and the holidays of the office's working calendar.
"""

from datetime import date, timedelta

WEEKEND = frozenset({5, 6})  # Saturday, Sunday (date.weekday())
MAX_DAYS = 366


def add_business_days(start: date, days: int, holidays=(), non_working_weekdays=WEEKEND):
    """The date on which ``days`` business days after ``start`` end.

    The day of ``start`` itself never counts (the count starts the next day).
    ``holidays`` is an iterable of dates; ``non_working_weekdays`` weekday numbers
    (Monday is 0). ``days`` must be between 1 and 366.
    """
    if not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise ValueError(f"days must be a whole number between 1 and {MAX_DAYS}, not {days!r}")
    non_working = frozenset(non_working_weekdays)
    if len(non_working) >= 7:
        raise ValueError("a calendar needs at least one working weekday")
    holidays = frozenset(holidays)
    current = start
    counted = 0
    while counted < days:
        current += timedelta(days=1)
        if current.weekday() in non_working or current in holidays:
            continue
        counted += 1
    return current


def holiday_window(start: date, days: int):
    """The (first, last) calendar days whose holidays can move such a deadline."""
    # Even with a long weekend every week the deadline stays well inside this window.
    return start + timedelta(days=1), start + timedelta(days=2 * days + 60)
