"""The site's clock: local time (Asia/Ho_Chi_Minh) as naive datetimes, to
the minute.

Everything that asks what time it is — dossier steps, appointments, overdue
lists, the statistics' "as of", slips' dates, unit retirement — reads it
here. Tests set one fixed moment (the ``clock`` fixture replaces ``source``);
the functional test server runs in the test's process and sees it too.
"""

from datetime import date
from datetime import datetime
from zoneinfo import ZoneInfo


TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")


def system_now() -> datetime:
    return datetime.now(TIMEZONE).replace(tzinfo=None, second=0, microsecond=0)


#: Where the time comes from; only tests replace it.
source = system_now


def now() -> datetime:
    return source()


def today() -> date:
    return source().date()
