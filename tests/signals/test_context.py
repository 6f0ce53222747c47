"""The detectors' context: day numbers of records and the first day that is reported."""

from __future__ import annotations

from datetime import date, timedelta

from beatwire.config import load_settings
from beatwire.signals.context import Context
from tests.signals.frames import MONDAY, Records


def test_days_count_utc_days_from_the_first_record() -> None:
    records = Records()
    for day in (0, 1, 5):
        records.add(day, 3)
    context = records.context(report_from=4)
    assert context.first_day == MONDAY.date() and context.day_count == 6
    assert sorted(set(context.days.tolist())) == [0, 1, 5]
    assert context.report_from == 4 and context.day(4) == date(2026, 10, 9)
    start, end = context.window(5)
    assert (start, end) == (MONDAY + timedelta(days=5), MONDAY + timedelta(days=6))


def test_only_new_days_with_enough_history_are_reported() -> None:
    records = Records()
    for day in range(10):
        records.add(day, 1)
    assert list(records.context(report_from=2).reported_days(3)) == list(range(3, 10))
    assert list(records.context(report_from=7).reported_days(3)) == [7, 8, 9]


def test_a_report_day_before_the_records_reports_them_all() -> None:
    records = Records()
    records.add(0, 2)
    context = Context.build(records.frame(), load_settings(None), date(2020, 1, 1))
    assert context.report_from == 0


def test_no_records_means_no_days() -> None:
    context = Context.build(Records().frame(), load_settings(None), None)
    assert context.day_count == 0 and len(context.days) == 0
