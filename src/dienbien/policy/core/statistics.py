"""One-stop dossier statistics (domain.md §1, "Statistics").

The figures of the Vietnamese one-stop report for a period ``[start, end)``,
per field, procedure, handling unit or channel, with a total row:

Received (tiếp nhận)
    ``carried_over``: accepted before ``start`` and not finished before
    ``start``; ``new``: accepted in the period, split into ``new_in_person``,
    ``new_online`` and ``new_post``; ``received_total`` = carried over + new.
Resolved in the period (đã giải quyết)
    The processing finished (the dossier reached ``resolved``) in the period:
    ``early`` (before the appointment), ``on_time`` (in the same minute as
    the appointment: seconds are ignored on both sides, the rule of
    ``dossiers.timeliness``), ``late`` (a later minute); ``resolved_total``.
In progress at ``end`` (đang giải quyết)
    ``in_progress_within`` (appointment at or after ``end``),
    ``in_progress_overdue`` (appointment before ``end``; before now, for a
    period still running),
    ``in_progress_total``.
Counted apart
    ``waiting_supplement`` (waiting for a supplement at ``end``), ``stopped``
    and ``withdrawn`` (stopped or withdrawn in the period).
Rates
    ``on_time_rate`` = (early + on time) / resolved, rounded to 4 places,
    ``None`` without resolved dossiers; ``average_calendar_days``: the mean
    time from acceptance to resolution of the dossiers resolved in the
    period, in *calendar* days (waiting for a supplement and days off
    included: no working calendar here), rounded to 2 places.

Every dossier the report counts lands in exactly one outcome::

    received_total = resolved_total + in_progress_total
                     + waiting_supplement + stopped + withdrawn

and what is still open at the end of a period is what the next period
carries over (``in_progress_total + waiting_supplement``).

Rules and approximations, from the facts the shell can give (the current
state, when it was entered, and the acceptance/resolution/return times):

- Only accepted dossiers count. ``refused`` dossiers were never received
  (the desk refuses before accepting) and count nowhere, even with an
  acceptance time; so do dossiers waiting for a supplement or withdrawn
  before they were accepted.
- A dossier *finishes* when it is resolved (its ``resolved`` time, else its
  ``returned`` time, else the time it entered its state), withdrawn or
  stopped (the time it entered that state). A ``resolved`` time is only read
  while the state is ``resolved`` or ``returned``. A finishing time before
  the acceptance (bad data) is taken as the acceptance time.
- A missing ``state_changed`` is taken as the acceptance time: the current
  state is assumed to hold since then.
- The state at ``end`` is the current state if it was entered before
  ``end``. A dossier whose current state was entered at or after ``end``
  (which happens only for past periods) is counted *in progress* at
  ``end``: the state it left is not in the facts. So a dossier that was
  waiting for a supplement at ``end`` and has moved on since counts as in
  progress, and one withdrawn, stopped or waiting for a supplement since
  ``end`` counts as in progress too — which it was, unless it was then
  waiting for an earlier supplement. Exact past figures would need the
  state history (the hand-over log); current periods are exact.
- In-progress dossiers are judged against their *current* appointment (an
  apology with a new appointment moves it); a dossier without an
  appointment is within its time, and one resolved without an appointment
  is on time.
- A channel outside ``in_person``, ``online``, ``post`` counts as in
  person, the desk.

``compute`` and ``monthly_on_time_rate`` read the facts by position: a
``DossierFacts``, the plain tuple the catalog's column keeps (``as_row``) or
the one the ``dossier_open_months`` index keeps, its moments as whole
minutes (``encode``). They count in minutes: a report is the same from
either form, a row given with seconds is read at its minute (the catalog
keeps minutes), and a period's bounds are exact to the second. One pass
over the dossiers; a year of 110,000 takes about 45 ms on these machines
from the index's rows.

Which dossiers a period needs, without reading the others: ``open_months``
are the months a dossier was open in (from the month of its acceptance to
the month it finished), or ``OPEN`` while it is not finished — the terms of
a catalog keyword index; ``period_terms`` the terms whose dossiers may count
for a period. Every dossier ``compute`` counts for ``[start, end)`` has one
of them (it was open at some moment of the period), so the report of the
dossiers found by these terms is the report of all dossiers, and a year's
report reads that year's dossiers and those still open, not the history.

Plain Python with no Zope import. The workbook of a report is a file format
of the dossiers wing (``dossiers.statistics.workbook``).
"""

from .dossiers import CHANNELS
from .dossiers import STATUS_CODES
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import datetime
from datetime import timedelta
from operator import itemgetter
from typing import NamedTuple


__all__ = [
    "CHANNELS",
    "COLUMNS",
    "COUNT_COLUMNS",
    "FIELDS",
    "GROUPS",
    "IDENTITIES",
    "OPEN",
    "RATE_COLUMNS",
    "STATUS_CODES",
    "DossierFacts",
    "Report",
    "as_facts",
    "as_row",
    "compute",
    "encode",
    "minutes",
    "monthly_on_time_rate",
    "monthly_timeliness",
    "open_months",
    "period_terms",
    "unbalanced",
]

GROUPS = ("field", "procedure", "unit", "channel")

#: The columns that are counts of dossiers: the total row is their sum.
COUNT_COLUMNS = (
    "carried_over",
    "new",
    "new_in_person",
    "new_online",
    "new_post",
    "received_total",
    "early",
    "on_time",
    "late",
    "resolved_total",
    "in_progress_within",
    "in_progress_overdue",
    "in_progress_total",
    "waiting_supplement",
    "stopped",
    "withdrawn",
)
#: Computed from the counts of their own row (the total's from the total).
RATE_COLUMNS = ("on_time_rate", "average_calendar_days")
COLUMNS = COUNT_COLUMNS + RATE_COLUMNS

#: The sums a report's rows (and its total) must satisfy: ``(whole, parts)``,
#: the whole being the sum of its parts. The last one says that every
#: received dossier lands in exactly one outcome; the dashboard's table
#: shows its columns in this order so that a reader can add them up.
IDENTITIES = (
    ("new", ("new_in_person", "new_online", "new_post")),
    ("received_total", ("carried_over", "new")),
    ("resolved_total", ("early", "on_time", "late")),
    ("in_progress_total", ("in_progress_within", "in_progress_overdue")),
    (
        "received_total",
        (
            "resolved_total",
            "in_progress_total",
            "waiting_supplement",
            "stopped",
            "withdrawn",
        ),
    ),
)


def unbalanced(row: dict) -> list[str]:
    """The identities (``"whole = part + part"``) that ``row`` breaks: an
    empty list when the row adds up, as every row ``compute`` makes does."""
    return [
        f"{whole} = {' + '.join(parts)}"
        for whole, parts in IDENTITIES
        if row[whole] != sum(row[part] for part in parts)
    ]


class DossierFacts(NamedTuple):
    """What the statistics need to know of one dossier. Naive local times.

    The catalog keeps these facts as a *plain* tuple in this field order
    (``as_row``): a pickled named tuple would name this class by its dotted
    path in every catalog record. ``compute`` and ``monthly_on_time_rate``
    read by position, so they take the plain rows as they are; ``as_facts``
    gives the named view back. The rows the ``dossier_open_months`` index
    keeps have their moments in minutes (``encode``) and are counted with
    nothing built per dossier; the others are encoded one by one (about
    3 µs a row). (Catalogs not yet upgraded to 1002 hold pickles of this
    class: it stays at this path.)
    """

    code: str
    state: str
    channel: str
    field: str
    procedure: str
    unit: str
    submitted: datetime | None = None
    accepted: datetime | None = None
    appointment: datetime | None = None  # the current due time
    resolved: datetime | None = None  # processing finished; kept once returned
    returned: datetime | None = None
    state_changed: datetime | None = None  # when the current state was entered
    # Hand-overs by reorganisation, oldest first: ``(when, the unit it left)``;
    # ``unit`` is the handling unit now (see ``core.reorganisation``).
    handed_over: tuple = ()


FIELDS = DossierFacts._fields
(
    _CODE,
    _STATE,
    _CHANNEL,
    _FIELD,
    _PROCEDURE,
    _UNIT,
    _SUBMITTED,
    _ACCEPTED,
    _APPOINTMENT,
    _RESOLVED_AT,
    _RETURNED,
    _STATE_CHANGED,
    _HANDED_OVER,
) = range(len(FIELDS))


def as_row(facts: DossierFacts) -> tuple:
    """The facts as the catalog keeps them: a plain tuple, field order."""
    return tuple(facts)


def as_facts(row) -> DossierFacts:
    """The named view of a stored row (or of facts already named). Rows
    stored before profile 1003 lack the last field: its default holds."""
    return DossierFacts(*row)


_ORIGIN = datetime.min
_MINUTE = timedelta(minutes=1)


def minutes(moment: datetime | int | None) -> int | None:
    """``moment`` as whole minutes since ``datetime.min``, its seconds
    dropped (an int is taken as minutes already, ``None`` stays ``None``)."""
    if moment is None or type(moment) is int:
        return moment
    return (moment - _ORIGIN) // _MINUTE


def _bound(moment: datetime) -> int:
    """The first whole minute at or after ``moment``: for a whole minute
    ``m``, ``m < moment`` exactly when ``m < _bound(moment)``."""
    return -((_ORIGIN - moment) // _MINUTE)


def encode(row) -> tuple:
    """A facts row with its moments (``submitted`` to ``state_changed``) as
    ``minutes``: the form the ``dossier_open_months`` index keeps. Ints
    unpickle about three times faster than ``datetime``s, take half the
    room, and compare and subtract without building objects: a year's
    report reads a hundred thousand rows. The hand-overs keep their
    ``datetime``s (``core.reorganisation`` reads them; few rows have any)."""
    return (
        *row[:_SUBMITTED],
        *map(minutes, row[_SUBMITTED:_HANDED_OVER]),
        *row[_HANDED_OVER:],
    )


@dataclass(frozen=True)
class Report:
    group_by: str
    start: datetime
    end: datetime
    columns: list[str]
    rows: list[dict]  # each: {"key": ..., column: value, ...}, sorted by key
    total: dict = dataclass_field(default_factory=dict)

    def row(self, key: str) -> dict | None:
        for row in self.rows:
            if row["key"] == key:
                return row
        return None

    def as_dict(self) -> dict:
        return {
            "group_by": self.group_by,
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "columns": list(self.columns),
            "rows": [dict(row) for row in self.rows],
            "total": dict(self.total),
        }


# Accumulator slots: the counts that are not sums of others, then the
# resolution time in minutes. Derived counts are filled in at the end.
_CARRIED, _IN_PERSON, _ONLINE, _POST = 0, 1, 2, 3
_EARLY, _ON_TIME, _LATE = 4, 5, 6
_WITHIN, _OVERDUE, _WAITING, _STOPPED, _WITHDRAWN = 7, 8, 9, 10, 11
_MINUTES = 12
_SLOTS = 13

_CHANNEL_SLOT = dict(zip(CHANNELS, (_IN_PERSON, _ONLINE, _POST), strict=True))
_RESOLVED_STATES = frozenset(("resolved", "returned"))
_RESOLVED = -1  # outcome marker: resolved, slot chosen by timeliness


def _resolution(dossier, since):
    """When a resolved (or returned) dossier finished its processing."""
    done = dossier[_RESOLVED_AT]
    if done is None:
        done = dossier[_RETURNED]
    return since if done is None else done


def _finish(dossier, accepted: datetime | int):
    """``(since, done, outcome)``: when the current state was entered, when
    the dossier finished (``None``: not finished) and how; in the row's
    form, ``datetime``s or minutes."""
    since = dossier[_STATE_CHANGED]
    if since is None or since < accepted:
        since = accepted
    state = dossier[_STATE]
    if state in _RESOLVED_STATES:
        done = _resolution(dossier, since)
        return since, (done if done > accepted else accepted), _RESOLVED
    if state == "withdrawn":
        return since, since, _WITHDRAWN
    if state == "stopped":
        return since, since, _STOPPED
    return since, None, None


#: The term of the dossiers not finished (yet): every period may count them.
OPEN = "open"


def _month_terms(first: datetime, last: datetime) -> list[str]:
    """``"YYYY-MM"`` of every month from ``first``'s to ``last``'s."""
    year, month = first.year, first.month
    terms = []
    while (year, month) <= (last.year, last.month):
        terms.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return terms


def open_months(dossier) -> tuple[str, ...]:
    """The months ``dossier`` was open in, from the month it was accepted to
    the month it finished (``_finish``, as ``compute`` reads it), or
    ``(OPEN,)`` while it is not finished; nothing for a dossier no report
    counts (never accepted, or refused). Finishing changes the terms, so
    the index is kept current by the reindexing of every step. The facts
    have ``datetime``s, as the dossier gives them (not ``encode``d)."""
    accepted = dossier[_ACCEPTED]
    if accepted is None or dossier[_STATE] == "refused":
        return ()
    _since, done, _outcome = _finish(dossier, accepted)
    if done is None:
        return (OPEN,)
    return tuple(_month_terms(accepted, done))


def period_terms(start: datetime, end: datetime) -> list[str]:
    """The ``open_months`` terms of the dossiers that may count for
    ``[start, end)``: its months and ``OPEN``. A dossier counted was
    accepted before ``end`` and finished at or after ``start`` (or not at
    all), so it was open at ``max(accepted, start)``, a moment of the
    period that is also between its acceptance and its finish."""
    _check_period(start, end)
    return [*_month_terms(start, end - timedelta(microseconds=1)), OPEN]


def _judge(done: int, due: int | None) -> int:
    """The slot of ``dossiers.timeliness(done, due)`` (``None``: on time),
    both in ``minutes``: seconds are ignored on both sides."""
    if due is None:
        return _ON_TIME
    if done < due:
        return _EARLY
    return _ON_TIME if done == due else _LATE


def _key_getter(group_by: str):
    if group_by not in GROUPS:
        raise ValueError(
            f"unknown group_by {group_by!r}; expected one of {', '.join(GROUPS)}"
        )
    if group_by == "channel":
        return lambda dossier: (
            dossier[_CHANNEL] if dossier[_CHANNEL] in _CHANNEL_SLOT else "in_person"
        )
    return itemgetter(FIELDS.index(group_by))


def _check_period(start: datetime, end: datetime) -> None:
    if not start < end:
        raise ValueError(f"the period must end after it starts ({start} – {end})")


def compute(
    dossiers: Iterable[DossierFacts],
    start: datetime,
    end: datetime,
    group_by: str,
    keys: Iterable[str] = (),
    as_of: datetime | None = None,
) -> Report:
    """The one-stop report for ``[start, end)``, one row per group.

    Rows are the groups with at least one dossier counted, plus ``keys``
    (shown with zeros when nothing counts for them), sorted by key.

    ``as_of`` is the present moment: for a period that has not ended yet,
    in-progress dossiers are overdue when their appointment is before
    ``as_of``, not merely before the end of the period.
    """
    key_of = _key_getter(group_by)
    _check_period(start, end)
    judged_at = _bound(min(end, as_of) if as_of is not None else end)
    start_at, end_at = _bound(start), _bound(end)
    groups: dict[str, list] = {key: _new_slots() for key in keys}
    # A year of a province is a hundred thousand dossiers: ``_finish`` and
    # ``_judge`` are written out here (the same rules), in minutes.
    channel_slot = _CHANNEL_SLOT.get
    for dossier in dossiers:
        accepted = dossier[_ACCEPTED]
        if accepted is None:
            continue
        if type(accepted) is not int:  # a row with ``datetime``s
            dossier = encode(dossier)
            accepted = dossier[_ACCEPTED]
        state = dossier[_STATE]
        if accepted >= end_at or state == "refused":
            continue
        since = dossier[_STATE_CHANGED]
        if since is None or since < accepted:
            since = accepted
        if state in _RESOLVED_STATES:
            done = dossier[_RESOLVED_AT]
            if done is None:
                done = dossier[_RETURNED]
                if done is None:
                    done = since
            if done < accepted:
                done = accepted
            outcome = _RESOLVED
        elif state == "withdrawn":
            done, outcome = since, _WITHDRAWN
        elif state == "stopped":
            done, outcome = since, _STOPPED
        else:
            done = None
        if done is not None and done < start_at:
            continue  # finished before the period
        key = key_of(dossier)
        slots = groups.get(key)
        if slots is None:
            slots = groups[key] = _new_slots()
        if accepted < start_at:
            slots[_CARRIED] += 1
        else:
            slots[channel_slot(dossier[_CHANNEL], _IN_PERSON)] += 1
        if done is not None and done < end_at:
            if outcome == _RESOLVED:
                due = dossier[_APPOINTMENT]
                if due is None or done == due:
                    slots[_ON_TIME] += 1
                elif done < due:
                    slots[_EARLY] += 1
                else:
                    slots[_LATE] += 1
                slots[_MINUTES] += done - accepted
            else:
                slots[outcome] += 1
        elif state == "supplement_requested" and since < end_at:
            slots[_WAITING] += 1
        else:
            due = dossier[_APPOINTMENT]
            slots[_OVERDUE if due is not None and due < judged_at else _WITHIN] += 1
    total = _new_slots()
    rows = []
    for key in sorted(groups):
        slots = groups[key]
        for index, value in enumerate(slots):
            total[index] += value
        rows.append({"key": key, **_columns(slots)})
    return Report(group_by, start, end, list(COLUMNS), rows, _columns(total))


def _new_slots() -> list:
    return [0] * _SLOTS


def _columns(slots: list) -> dict:
    new = slots[_IN_PERSON] + slots[_ONLINE] + slots[_POST]
    resolved = slots[_EARLY] + slots[_ON_TIME] + slots[_LATE]
    return {
        "carried_over": slots[_CARRIED],
        "new": new,
        "new_in_person": slots[_IN_PERSON],
        "new_online": slots[_ONLINE],
        "new_post": slots[_POST],
        "received_total": slots[_CARRIED] + new,
        "early": slots[_EARLY],
        "on_time": slots[_ON_TIME],
        "late": slots[_LATE],
        "resolved_total": resolved,
        "in_progress_within": slots[_WITHIN],
        "in_progress_overdue": slots[_OVERDUE],
        "in_progress_total": slots[_WITHIN] + slots[_OVERDUE],
        "waiting_supplement": slots[_WAITING],
        "stopped": slots[_STOPPED],
        "withdrawn": slots[_WITHDRAWN],
        "on_time_rate": _rate(slots[_EARLY] + slots[_ON_TIME], resolved),
        "average_calendar_days": (
            # Seconds over a day's: the float the sum of ``timedelta``s and
            # its ``total_seconds`` gave, to the last bit.
            round(slots[_MINUTES] * 60 / 86400 / resolved, 2) if resolved else None
        ),
    }


def _rate(good: int, count: int) -> float | None:
    return round(good / count, 4) if count else None


def monthly_on_time_rate(
    dossiers: Iterable[DossierFacts], year: int, group_by: str = "field"
) -> dict[str, list[float | None]]:
    """``{key: [rate of January, ..., rate of December]}`` for a chart.

    The rate of a month is ``on_time_rate`` of ``compute`` over that month
    (``None`` for a month without resolved dossiers); keys are the groups
    with a dossier resolved in the year, in key order.
    """
    return {
        key: [_rate(good, resolved) for good, resolved in months]
        for key, months in monthly_timeliness(dossiers, year, group_by).items()
    }


def monthly_timeliness(
    dossiers: Iterable[DossierFacts], year: int, group_by: str = "field"
) -> dict[str, list[tuple[int, int]]]:
    """``{key: [(in time, resolved) of January, ..., of December]}``: the
    counts behind the monthly on-time rate (a rate is never shown without
    them). "In time" is early or on time, as in ``on_time_rate``; keys are
    the groups with a dossier resolved in the year, in key order."""
    key_of = _key_getter(group_by)
    # The first minute of each month and of the next year.
    bounds = [minutes(datetime(year, month, 1)) for month in range(1, 13)]
    first, last = bounds[0], minutes(datetime(year + 1, 1, 1))
    counts: dict[str, list[int]] = {}
    for dossier in dossiers:
        accepted = dossier[_ACCEPTED]
        if accepted is None or dossier[_STATE] not in _RESOLVED_STATES:
            continue
        if type(accepted) is not int:  # a row with ``datetime``s
            dossier = encode(dossier)
            accepted = dossier[_ACCEPTED]
        if accepted >= last:
            continue
        _since, done, _outcome = _finish(dossier, accepted)
        if not first <= done < last:
            continue
        key = key_of(dossier)
        months = counts.get(key)
        if months is None:
            months = counts[key] = [0] * 24  # (good, resolved) per month
        index = (bisect_right(bounds, done) - 1) * 2
        months[index + 1] += 1
        if _judge(done, dossier[_APPOINTMENT]) != _LATE:
            months[index] += 1
    return {
        key: [(counts[key][i], counts[key][i + 1]) for i in range(0, 24, 2)]
        for key in sorted(counts)
    }
