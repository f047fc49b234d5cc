"""Reporting periods on the calendar: pure date arithmetic, no models."""

from calendar import monthrange
from datetime import date, timedelta


def calendar_periods(start: date, end: date, months: int) -> list[tuple[date, date]]:
    """The periods of ``months`` (a divisor of 12) that cover ``start``–``end``, aligned to
    the calendar year as reporting periods are (half-years: January–June, July–December).
    The first begins on ``start`` and the last ends on ``end``; none when end < start."""
    if 12 % months:
        raise ValueError(f"A period of {months} months does not divide the year.")
    periods = []
    current = start
    while current <= end:
        last_month = ((current.month - 1) // months + 1) * months
        block_end = date(current.year, last_month, monthrange(current.year, last_month)[1])
        period_end = min(block_end, end)
        periods.append((current, period_end))
        current = period_end + timedelta(days=1)
    return periods
