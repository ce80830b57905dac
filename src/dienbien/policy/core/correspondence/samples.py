"""Sample correspondence: a reproducible year (or two) of documents for the
demo site and the benchmark.

Plain Python: everything it needs is passed in — the units with their
people (``SampleUnit``), the reference moment the sample ends at (the site
clock's "now" for the demo, a fixed date in tests and the benchmark: never
today's date read here), the working calendar, the seed and the texts
(``data/demo/correspondence.json``). The same arguments give the same
records, UIDs included.

Records come out in the order in which their numbers were taken (the moment
of issue for outgoing documents, of registration for incoming ones), each
numbered from the series ``registers`` assigns, so that every series is
consecutive from 01 in each year. What a number-less record (a draft, an
item awaiting registration) is ordered by is the moment it reached its
state.

Besides the random flow of documents, each unit with demo people gets its
*working lists* (``WORKLIST``): a few documents in every state that a clerk,
an officer or a leader acts on, dated in the last working days before the
reference moment — urgent, overdue and due-soon ones among them — and, for
a unit with secret-cleared people, the same for secret documents named on
them only. Outgoing documents sent to one of the sampled units are
delivered there as incoming documents (``source``), and some incoming
documents are closed by an outgoing reply (``reply`` / ``reply_to``).
"""

from . import doctypes
from . import marks
from .registers import incoming_series
from .registers import issue_notation
from .registers import outgoing_series
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime
from datetime import timedelta

import heapq
import json
import pathlib
import random
import uuid


DATA_FILE = pathlib.Path(__file__).parents[2] / "data" / "demo" / "correspondence.json"

OUTGOING_STATES = ("draft", "pending", "approved", "issued", "sent", "recalled")
INCOMING_STATES = (
    "received",
    "registered",
    "assigned",
    "in_progress",
    "done",
    "returned",
)
#: States in which a document carries a number of its series.
NUMBERED = {
    "issued",
    "sent",
    "recalled",
    "registered",
    "assigned",
    "in_progress",
    "done",
}
#: Documents older than this are mostly finished.
RECENT_DAYS = 21

#: Document types an outgoing document is drafted as, by how often.
OUTGOING_TYPES = {
    "dispatch": 40,
    "decision": 14,
    "report": 12,
    "plan": 8,
    "notice": 8,
    "invitation": 8,
    "submission": 5,
    "directive": 2,
    "minutes": 3,
}
INCOMING_TYPES = {
    "dispatch": 45,
    "decision": 12,
    "plan": 10,
    "notice": 8,
    "invitation": 10,
    "guidance": 7,
    "report": 4,
    "submission": 2,
    "telegram": 2,
}
URGENCY_WEIGHTS = {"normal": 84, "urgent": 11, "very_urgent": 4, "flash": 1}
SECRET_WEIGHTS = {"confidential": 70, "secret": 25, "top_secret": 5}
#: Share of secret documents in a unit with secret-cleared people.
SECRET_SHARE = 0.03
NORMATIVE_SHARE = 0.08  # of the decisions of a district or commune
REPLY_SHARE = 0.2
#: Working days a handler is given, by urgency.
DEADLINE_DAYS = {"normal": (5, 7, 10, 15), "urgent": (2, 3), "very_urgent": (1, 2)}
DEADLINE_DAYS["flash"] = (1,)


@dataclass(frozen=True)
class SampleUnit:
    """A unit documents are sampled for, with its demo people (user ids)."""

    code: str
    title: str
    abbreviation: str
    kind: str  # "district", "agency", "commune"
    #: Documents per year: issued by the unit, received from outside.
    outgoing: int = 0
    incoming: int = 0
    parent: str = ""
    clerks: tuple[str, ...] = ()
    officers: tuple[str, ...] = ()
    leaders: tuple[str, ...] = ()
    #: Secret-cleared people: the only ones named on secret documents.
    cleared_clerks: tuple[str, ...] = ()
    cleared_leaders: tuple[str, ...] = ()

    @property
    def staffed(self) -> bool:
        return bool(self.clerks and self.officers and self.leaders)

    @property
    def cleared(self) -> tuple[str, ...]:
        return (*self.cleared_clerks, *self.cleared_leaders)


def load_texts(path: pathlib.Path = DATA_FILE) -> dict:
    with path.open(encoding="utf-8") as stream:
        return json.load(stream)


@dataclass(order=True)
class _Event:
    moment: datetime
    order: int
    make: object = field(compare=False)


class _Sampler:
    def __init__(self, units, reference, calendar, seed, texts):
        self.units = {unit.code: unit for unit in units}
        self.reference = reference
        self.calendar = _remembering(calendar)
        self.rng = random.Random(seed)
        self.texts = texts
        self.counters: dict[str, int] = {}
        self.pending: list[_Event] = []
        self.order = 0

    # -- helpers ------------------------------------------------------------

    def uid(self) -> str:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4).hex

    def weighted(self, weights: dict) -> str:
        return self.rng.choices(list(weights), weights=list(weights.values()))[0]

    def later(self, moment: datetime, low: int, high: int) -> datetime:
        """``low``–``high`` working minutes after ``moment``."""
        return self.calendar.add_working_minutes(moment, self.rng.randint(low, high))

    def working_day_back(self, days: int, day: date | None = None) -> date:
        """The ``days``-th working day before ``day`` (the reference day)."""
        day = day or self.reference.date()
        while days > 0:
            day -= timedelta(days=1)
            if self.calendar.is_working_day(day):
                days -= 1
        return day

    def days_back(self, days: int, hour: int = 8, minute: int = 0) -> datetime:
        """``hour``:``minute`` on the ``days``-th working day before the
        reference day (0: that day, if a working day and the time has
        passed; else the working day before)."""
        day = self.working_day_back(days)
        moment = datetime(day.year, day.month, day.day, hour, minute)
        while moment >= self.reference or not self.calendar.is_working_day(
            moment.date()
        ):
            day = self.working_day_back(1, moment.date())
            moment = datetime(day.year, day.month, day.day, hour, minute)
        return moment

    def summary(self, kind: str, doctype: str, moment: datetime, secret=False) -> str:
        templates = self.texts["secret"][kind] if secret else self.texts[kind][doctype]
        template = self.rng.choice(templates)
        return template.format(
            year=moment.year,
            month=f"{moment.month:02d}",
            quarter=f"quý {(moment.month - 1) // 3 + 1} năm {moment.year}",
            week=f"{moment.isocalendar()[1]:02d}",
            topic=self.rng.choice(self.texts["topics"]),
            place=self.rng.choice(self.texts["places"]),
            commune=self.rng.choice(self.texts["places"]),
        )

    def take(self, series) -> int:
        key = series.key
        self.counters[key] = self.counters.get(key, 0) + 1
        return self.counters[key]

    def push(self, moment: datetime, make) -> None:
        self.order += 1
        heapq.heappush(self.pending, _Event(moment, self.order, make))

    def before_reference(self, moment: datetime | None) -> bool:
        return moment is not None and moment < self.reference

    def before_the_end(self, moment: datetime, after: datetime) -> datetime:
        """``moment``, or for a step that must have been taken but would
        fall after the reference, halfway from ``after`` to it."""
        if moment < self.reference:
            return moment
        halfway = after + (self.reference - after) / 2
        return halfway.replace(second=0, microsecond=0)

    # -- outgoing -----------------------------------------------------------

    def outgoing(
        self,
        unit: SampleUnit,
        moment: datetime,
        state: str,
        *,
        doctype: str | None = None,
        urgency: str | None = None,
        confidentiality: str = "normal",
        internal: tuple[str, ...] | None = None,
        external: tuple[str, ...] | None = None,
        summary: str | None = None,
        reply_to: str = "",
        uid: str | None = None,
        returned: bool = False,
        delivery_state: str | None = None,
    ) -> dict:
        """An outgoing document of ``unit`` whose state was reached at
        ``moment`` (issued then, for a numbered one)."""
        rng = self.rng
        secret = marks.is_secret(confidentiality)
        doctype = doctype or self.weighted(OUTGOING_TYPES)
        kind = doctypes.document_type(doctype)
        normative = (
            not secret
            and kind.may_be_normative
            and unit.kind in ("district", "commune")
            and rng.random() < NORMATIVE_SHARE
        )
        urgency = urgency or self.weighted(URGENCY_WEIGHTS)
        if summary is None:
            summary = self.summary(
                "outgoing",
                "decision_normative" if normative else doctype,
                moment,
                secret,
            )
        if secret:
            drafter = signer = unit.cleared_leaders[0]
            clerk = unit.cleared_clerks[0]
            readers = list(unit.cleared)
        else:
            drafter = rng.choice(unit.officers) if unit.officers else ""
            signer = unit.leaders[0] if unit.leaders else ""
            clerk = unit.clerks[0] if unit.clerks else ""
            readers = []
        if internal is None:
            internal = () if secret else self.internal_recipients(unit)
        if external is None:
            count = rng.randint(0 if internal else 1, 2)
            external = tuple(rng.sample(self.texts["external_recipients"], count))
        department = ""
        if kind.dispatch_form:
            department = rng.choice(self.texts["departments"][unit.kind])
        # The steps before ``moment``, for a document at ``state`` then.
        steps = OUTGOING_STATES.index(state) if state != "recalled" else 4
        drafted = moment
        if steps >= 1 or returned:
            day = self.working_day_back(rng.randint(1, 4), moment.date())
            drafted = datetime.combine(day, moment.time())
        record = {
            "kind": "outgoing",
            "uid": uid or self.uid(),
            "unit": unit.code,
            "doctype": doctype,
            "normative": normative,
            "department": department,
            "summary": summary,
            "internal_recipients": list(internal),
            "external_recipients": list(external),
            "urgency": urgency,
            "confidentiality": confidentiality,
            "signer": signer,
            "copies": len(internal) + len(external) + 1,
            "file_keeper": f"VT, {department or 'VP'}",
            "readers": readers,
            "reply_to": reply_to,
            "drafter": drafter,
            "created": drafted,
            "number": None,
            "year": None,
            "notation": "",
            "issued": None,
            "sent": None,
            "return_reason": "",
            "recall_reason": "",
            "series": None,
            "deliveries": [],
        }
        history = [_entry(drafted, drafter, None, "draft")]
        if state == "draft" and returned:
            submitted = drafted + (moment - drafted) / 2
            reason = rng.choice(self.texts["draft_return_reasons"])
            history.append(_entry(submitted, drafter, "submit", "pending"))
            history.append(_entry(moment, signer, "return", "draft", reason))
            record["return_reason"] = reason
        if steps >= 1:
            submitted = drafted + (moment - drafted) / 3 if steps > 1 else moment
            history.append(_entry(submitted, drafter, "submit", "pending"))
        if steps >= 2:
            approved = drafted + (moment - drafted) * 2 / 3 if steps > 2 else moment
            history.append(_entry(approved, signer, "approve", "approved"))
        if steps >= 3:
            series = outgoing_series(
                unit.code, moment, kind, normative, confidentiality
            )
            number = self.take(series)
            notation = issue_notation(
                series, number, kind, unit.abbreviation, department
            )
            record.update(
                number=number,
                year=series.year,
                notation=str(notation),
                issued=moment,
                series=series,
            )
            history.append(_entry(moment, clerk, "issue", "issued"))
        if steps >= 4:
            sent = self.later(moment, 5, 60)
            if not self.before_reference(sent):
                state = "issued"
            else:
                record["sent"] = sent
                history.append(_entry(sent, clerk, "send", "sent"))
                for code in internal:
                    self.deliver(record, self.units[code], sent, delivery_state)
        if state == "recalled":
            recalled = self.later(record["sent"], 60, 3 * 480)
            if self.before_reference(recalled):
                reason = rng.choice(self.texts["recall_reasons"])
                record["recall_reason"] = reason
                history.append(_entry(recalled, signer, "recall", "recalled", reason))
            else:
                state = "sent"
        record["state"] = state
        record["history"] = history
        record["deliveries"] = tuple(record["deliveries"])
        return record

    def internal_recipients(self, unit: SampleUnit) -> tuple[str, ...]:
        """Some documents go to other sampled units: the district writes to
        its communes and agencies, they write back to it."""
        rng = self.rng
        if unit.kind == "district":
            below = [u.code for u in self.units.values() if u.parent == unit.code]
            if below and rng.random() < 0.35:
                return tuple(
                    sorted(rng.sample(below, min(len(below), rng.randint(1, 3))))
                )
        elif unit.parent in self.units and rng.random() < 0.35:
            return (unit.parent,)
        return ()

    # -- incoming -----------------------------------------------------------

    def deliver(self, outgoing: dict, unit: SampleUnit, sent: datetime, state=None):
        """The outgoing document arrives in ``unit``'s inbox at ``sent``
        and is registered there later (or waits, at the reference)."""
        registration = self.later(sent, 10, 120)
        forced = state
        if state is None:
            state = self.incoming_state(registration)
        if state not in NUMBERED and state != "returned":
            registration = sent  # never registered: ordered by its arrival
        sender = self.units[outgoing["unit"]]
        uid = self.uid()
        reason = ""
        if state == "returned":
            reason = self.rng.choice(self.texts["return_reasons"])
        # What the sender keeps of each delivery (correspondence/sending.py).
        outgoing["deliveries"].append(
            {
                "unit": unit.code,
                "uid": uid,
                "delivered": sent,
                "returned": registration if reason else None,
                "reason": reason,
            }
        )

        def make():
            return self.incoming(
                unit,
                registration,
                state,
                uid=uid,
                return_reason=reason,
                arrived=sent,
                sender_unit=sender.code,
                sender_name=sender.title,
                sender_notation=outgoing["notation"],
                sender_date=outgoing["issued"].date(),
                doctype=outgoing["doctype"],
                summary=outgoing["summary"],
                urgency=outgoing["urgency"],
                source=outgoing["uid"],
                may_reply=not outgoing["reply_to"],
                forced=forced is not None,
            )

        self.push(registration, make)

    def incoming_state(self, moment: datetime) -> str:
        if not self.before_reference(moment):
            return "received"
        if (self.reference - moment).days > RECENT_DAYS:
            return self.weighted(
                {"done": 90, "returned": 2, "in_progress": 5, "assigned": 3}
            )
        return self.weighted(
            {
                "received": 10,
                "registered": 15,
                "assigned": 20,
                "in_progress": 20,
                "done": 30,
                "returned": 5,
            }
        )

    def incoming(
        self,
        unit: SampleUnit,
        moment: datetime,
        state: str,
        *,
        arrived: datetime | None = None,
        sender_unit: str = "",
        sender_name: str = "",
        sender_notation: str = "",
        sender_date: date | None = None,
        doctype: str | None = None,
        summary: str | None = None,
        urgency: str | None = None,
        confidentiality: str = "normal",
        source: str = "",
        uid: str | None = None,
        return_reason: str = "",
        deadline: date | None = None,
        may_reply: bool = True,
        forced: bool = False,
        handler: str | None = None,
    ) -> dict:
        """An incoming document of ``unit`` registered at ``moment`` (or
        arrived then, if it never was) and at ``state`` now. Unless
        ``forced``, a step that would fall after the reference is not taken."""
        rng = self.rng
        secret = marks.is_secret(confidentiality)
        doctype = doctype or self.weighted(INCOMING_TYPES)
        kind = doctypes.document_type(doctype)
        urgency = urgency or self.weighted(URGENCY_WEIGHTS)
        if arrived is None:
            # Shortly before registration, within that day's office hours.
            opening = self.calendar.opening(moment.replace(hour=0, minute=0))
            arrived = max(opening, moment - timedelta(minutes=rng.randint(5, 50)))
        if not sender_name:
            sender = rng.choice(self.texts["senders"])
            sender_name = sender["name"]
            number = rng.randint(1, 40 * arrived.timetuple().tm_yday + 40)
            notation = _notation_of(number, kind, sender, rng)
            sender_notation = notation
            sender_date = (arrived - timedelta(days=rng.randint(0, 3))).date()
        if summary is None:
            summary = self.summary("incoming", doctype, moment, secret)
        if secret:
            clerk = unit.cleared_clerks[0]
            leader = unit.cleared_leaders[0]
            readers = list(unit.cleared)
        else:
            clerk = unit.clerks[0] if unit.clerks else ""
            leader = unit.leaders[0] if unit.leaders else ""
            readers = []
        record = {
            "kind": "incoming",
            "uid": uid or self.uid(),
            "unit": unit.code,
            "received": arrived,
            "created": arrived,
            "sender_unit": sender_unit,
            "sender_name": sender_name,
            "sender_notation": sender_notation,
            "sender_date": sender_date,
            "doctype": doctype,
            "summary": summary,
            "urgency": urgency,
            "confidentiality": confidentiality,
            "readers": readers,
            "instruction": "",
            "handling_unit": "",
            "handler": "",
            "co_handlers": [],
            "deadline": None,
            "incoming_number": None,
            "year": None,
            "registered": None,
            "assigned": None,
            "closed": None,
            "progress": [],
            "reply": "",
            "source": source,
            "return_reason": "",
            "series": None,
        }
        history = [_entry(arrived, clerk, None, "received")]
        if state == "returned":
            reason = return_reason or rng.choice(self.texts["return_reasons"])
            record["return_reason"] = reason
            history.append(_entry(moment, clerk, "return", "returned", reason))
        elif state in NUMBERED:
            series = incoming_series(unit.code, moment, confidentiality)
            record.update(
                incoming_number=self.take(series),
                year=series.year,
                registered=moment,
                series=series,
            )
            history.append(_entry(moment, clerk, "register", "registered"))
        if state in ("assigned", "in_progress", "done"):
            assigned = self.later(moment, 15, 240)
            if forced:
                assigned = self.before_the_end(assigned, moment)
            if not self.before_reference(assigned):
                state = "registered"
            else:
                self.assign(record, unit, assigned, leader, secret, deadline, handler)
                history.append(_entry(assigned, leader, "assign", "assigned"))
        if state in ("in_progress", "done"):
            self.handle(record, history, state, forced, may_reply and not secret)
        record["state"] = record.pop("_state", state)
        record["history"] = history
        return record

    def assign(self, record, unit, assigned, leader, secret, deadline, handler):
        rng = self.rng
        handling_unit = unit.code
        if secret:
            handler = unit.cleared_leaders[0]
        elif handler is None:
            agencies = [
                u
                for u in self.units.values()
                if u.parent == unit.code and u.kind == "agency"
            ]
            if agencies and rng.random() < 0.5:
                handling_unit = rng.choice(agencies).code
                handler = ""
            else:
                handler = rng.choice(unit.officers) if unit.officers else ""
        if deadline is None:
            days = rng.choice(DEADLINE_DAYS[record["urgency"]])
            deadline = self.calendar.add_working_days(assigned, days).date()
        who = (
            self.units[handling_unit].title
            if handling_unit != unit.code
            else "chuyên viên phụ trách"
        )
        record.update(
            instruction=rng.choice(self.texts["instructions"]).format(handler=who),
            handling_unit=handling_unit,
            handler=handler,
            assigned=assigned,
            deadline=deadline,
        )

    def handle(self, record, history, state, forced, may_reply):
        rng = self.rng
        handler = record["handler"]
        started = self.later(record["assigned"], 30, 480)
        if forced:
            started = self.before_the_end(started, record["assigned"])
        if not self.before_reference(started):
            record["_state"] = "assigned"
            return
        history.append(_entry(started, handler, "start", "in_progress"))
        record["progress"].append(
            {
                "time": started,
                "user": handler,
                "text": rng.choice(self.texts["progress"]),
            }
        )
        if state != "done":
            return
        span = max(
            60,
            self.calendar.working_minutes_between(
                record["assigned"],
                datetime.combine(record["deadline"], datetime.min.time()).replace(
                    hour=17
                ),
            ),
        )
        closed = self.calendar.add_working_minutes(
            started, int(span * rng.choice((0.3, 0.6, 0.9, 1.2)))
        )
        if forced:
            closed = self.before_the_end(closed, started)
        if not self.before_reference(closed):
            record["_state"] = "in_progress"
            return
        record["closed"] = closed
        history.append(_entry(closed, handler, "close", "done"))
        unit = self.units[record["unit"]]
        if may_reply and unit.officers and rng.random() < REPLY_SHARE:
            self.reply(record, unit, closed)

    def reply(self, incoming: dict, unit: SampleUnit, closed: datetime) -> None:
        """An outgoing reply issued when the incoming one is closed."""
        uid = self.uid()
        incoming["reply"] = uid
        sender = incoming["sender_unit"]
        summary = (
            f"V/v trả lời văn bản số {incoming['sender_notation']} ngày "
            f"{incoming['sender_date']:%d/%m/%Y} của {incoming['sender_name']}"
        )
        internal = (sender,) if sender in self.units else ()
        external = () if internal else (incoming["sender_name"],)
        state = (
            "sent" if self.before_reference(closed + timedelta(hours=2)) else "issued"
        )

        def make():
            return self.outgoing(
                unit,
                closed,
                state,
                doctype="dispatch",
                urgency=incoming["urgency"],
                internal=internal,
                external=external,
                summary=summary,
                reply_to=incoming["uid"],
                uid=uid,
            )

        self.push(closed, make)

    # -- the flow -------------------------------------------------------------

    def random_events(self, years: float):
        """``(moment, unit, kind)`` of the sampled flow, in time order."""
        rng = self.rng
        start = self.reference - timedelta(days=round(365 * years))
        span = (self.reference - start).total_seconds()
        events = []
        for unit in self.units.values():
            for kind, count in (
                ("outgoing", unit.outgoing),
                ("incoming", unit.incoming),
            ):
                for _ in range(round(count * years)):
                    moment = start + timedelta(seconds=rng.random() * span)
                    moment = self.calendar.opening(
                        moment.replace(second=0, microsecond=0)
                    )
                    if moment < self.reference:
                        events.append((moment, unit.code, kind))
        events.sort()
        return events

    def random_record(self, moment, unit, kind) -> dict:
        rng = self.rng
        secret = (
            unit.cleared_leaders and unit.cleared_clerks and rng.random() < SECRET_SHARE
        )
        confidentiality = self.weighted(SECRET_WEIGHTS) if secret else "normal"
        recent = (self.reference - moment).days <= RECENT_DAYS
        if kind == "incoming":
            state = self.incoming_state(moment)
            return self.incoming(unit, moment, state, confidentiality=confidentiality)
        if recent:
            state = self.weighted(
                {
                    "draft": 18,
                    "pending": 18,
                    "approved": 12,
                    "issued": 12,
                    "sent": 37,
                    "recalled": 3,
                }
            )
        else:
            state = self.weighted({"sent": 93, "issued": 4, "recalled": 3})
        if not unit.officers and state in ("draft", "pending", "approved"):
            state = "sent"  # a unit without demo officers shows finished work
        return self.outgoing(
            unit,
            moment,
            state,
            confidentiality=confidentiality,
            returned=state == "draft" and rng.random() < 0.3,
        )

    def records(self, years: float, worklists: bool):
        if worklists:
            for unit in self.units.values():
                if unit.staffed:
                    for moment, make in self.worklist(unit):
                        self.push(moment, make)
        for moment, code, kind in self.random_events(years):
            while self.pending and self.pending[0].moment <= moment:
                yield heapq.heappop(self.pending).make()
            yield self.random_record(moment, self.units[code], kind)
        while self.pending:
            yield heapq.heappop(self.pending).make()

    # -- working lists ----------------------------------------------------------

    def worklist(self, unit: SampleUnit):
        """``(moment, make)`` of the documents a unit's demo people act on."""
        back = self.days_back
        due_soon = self.calendar.add_working_days(self.reference, 2).date()
        overdue = self.working_day_back(2)
        long_overdue = self.working_day_back(8)
        officer = unit.officers[0]
        peer = self.peer(unit)
        items = [
            # Incoming: to register (one urgent), to assign, to handle.
            (back(0, 7, 40), "incoming", "received", {"urgency": "urgent"}),
            (back(1, 15, 10), "incoming", "received", {}),
            (back(1, 9, 5), "incoming", "registered", {"urgency": "flash"}),
            (back(2, 10, 20), "incoming", "registered", {}),
            (
                back(3, 8, 30),
                "incoming",
                "assigned",
                {"urgency": "urgent", "deadline": due_soon, "handler": officer},
            ),
            (
                back(5, 9, 0),
                "incoming",
                "in_progress",
                {"deadline": overdue, "handler": officer},
            ),
            (
                back(14, 14, 0),
                "incoming",
                "assigned",
                {"deadline": long_overdue, "handler": officer},
            ),
            (
                back(4, 10, 0),
                "incoming",
                "in_progress",
                {
                    "handler": officer,
                    "deadline": self.calendar.add_working_days(
                        self.reference, 6
                    ).date(),
                },
            ),
            (back(9, 8, 15), "incoming", "done", {"handler": officer}),
            (back(6, 16, 0), "incoming", "returned", {}),
            # Outgoing: drafts, to approve, to issue, to send, and sent.
            (back(0, 8, 10), "outgoing", "draft", {}),
            (back(2, 14, 30), "outgoing", "draft", {"returned": True}),
            (back(1, 10, 45), "outgoing", "pending", {"urgency": "urgent"}),
            (back(3, 15, 0), "outgoing", "pending", {}),
            (back(1, 14, 20), "outgoing", "approved", {}),
            (
                back(2, 9, 30),
                "outgoing",
                "issued",
                {"internal": (), "doctype": "report"},
            ),
            (back(7, 9, 0), "outgoing", "sent", {"doctype": "notice"}),
            (back(12, 10, 0), "outgoing", "recalled", {"internal": ()}),
        ]
        if peer is not None:
            # Exchanged with the peer: one waiting in its inbox, one it
            # returned (sent to the wrong unit), one it is handling already.
            items.append(
                (
                    back(1, 8, 0),
                    "outgoing",
                    "sent",
                    {"internal": (peer,), "delivery_state": "received"},
                )
            )
            items.append(
                (
                    back(4, 9, 30),
                    "outgoing",
                    "sent",
                    {"internal": (peer,), "delivery_state": "returned"},
                )
            )
            items.append(
                (
                    back(6, 8, 0),
                    "outgoing",
                    "sent",
                    {
                        "internal": (peer,),
                        "delivery_state": "in_progress",
                        "urgency": "urgent",
                    },
                )
            )
        if unit.cleared_clerks and unit.cleared_leaders:
            secret = {"confidentiality": "confidential"}
            items += [
                (
                    back(0, 8, 20),
                    "incoming",
                    "received",
                    {**secret, "urgency": "urgent"},
                ),
                (
                    back(1, 9, 40),
                    "incoming",
                    "registered",
                    {"confidentiality": "secret"},
                ),
                (
                    back(6, 10, 30),
                    "incoming",
                    "in_progress",
                    {**secret, "deadline": overdue},
                ),
                (back(20, 9, 30), "incoming", "done", secret),
                (back(1, 15, 30), "outgoing", "pending", secret),
                (back(2, 8, 40), "outgoing", "approved", {"confidentiality": "secret"}),
                (
                    back(10, 14, 0),
                    "outgoing",
                    "sent",
                    {**secret, "external": ("Công an tỉnh Điện Biên",)},
                ),
            ]
        for moment, kind, state, options in items:
            yield moment, self.worklist_maker(unit, moment, kind, state, options)

    def peer(self, unit: SampleUnit) -> str | None:
        """The staffed unit a staffed unit exchanges with: the district with
        its first staffed commune and back."""
        for other in self.units.values():
            if (
                other.code != unit.code
                and other.staffed
                and (other.parent == unit.code or unit.parent == other.code)
            ):
                return other.code
        return None

    def worklist_maker(self, unit, moment, kind, state, options):
        options = dict(options)
        if kind == "incoming":
            return lambda: self.incoming(unit, moment, state, forced=True, **options)
        delivery = options.pop("delivery_state", None)
        options.setdefault("internal", ())
        return lambda: self.outgoing(
            unit, moment, state, delivery_state=delivery, **options
        )


def _remembering(calendar):
    """The calendar, remembering which days are working days: the sample
    asks about the same few hundred days thousands of times."""
    base = type(calendar)
    days: dict[date, bool] = {}

    class Remembering(base):
        def is_working_day(self, day: date) -> bool:
            working = days.get(day)
            if working is None:
                working = days[day] = base.is_working_day(self, day)
            return working

    copy = Remembering.__new__(Remembering)
    copy.__dict__.update(calendar.__dict__)
    return copy


def _entry(moment, actor, action, state, comments="") -> dict:
    return {
        "time": moment,
        "actor": actor,
        "action": action,
        "review_state": state,
        "comments": comments,
    }


def _notation_of(number, kind, sender, rng) -> str:
    symbol = (
        f"{sender['abbreviation']}-{rng.choice(sender['departments'])}"
        if kind.dispatch_form
        else f"{kind.abbreviation}-{sender['abbreviation']}"
    )
    return f"{number:02d}/{symbol}"


def generate(
    units,
    reference: datetime,
    calendar,
    *,
    seed: int = 2026,
    years: float = 1.0,
    worklists: bool = True,
    texts: dict | None = None,
):
    """The sample's records, in the order their numbers were taken.

    Each record is a dict of the document's fields (unit codes, naive local
    times, user ids) plus ``kind`` ("outgoing"/"incoming"), ``uid``,
    ``state``, ``created``, ``history`` (workflow entries: time, actor,
    action, review_state, comments) and ``series`` (the
    ``registers.Series`` its number came from, keyed by the unit's CODE;
    ``None`` for a document without a number).
    """
    sampler = _Sampler(units, reference, calendar, seed, texts or load_texts())
    return sampler.records(years, worklists)


#: Documents per year (issued, received from outside) by kind of unit, for
#: the demo: enough to fill a year's registers, small enough to load with
#: the demo site in seconds.
DEMO_VOLUMES = {"district": (120, 160), "commune": (60, 90), "agency": (8, 10)}
#: The units the demo samples: the district, its agencies, one commune.
DEMO_UNITS = ("H15.50", "H15.50.05.01")


def demo_units(
    orgunits: list[dict],
    users: list[dict],
    volumes: dict = DEMO_VOLUMES,
    codes: tuple[str, ...] = DEMO_UNITS,
    scale: float = 1.0,
) -> list[SampleUnit]:
    """The sampled units from the demo's data files (``orgunits.json``'s
    units, ``users.json``'s users): the units of ``codes`` and the agencies
    under them, each with its demo people by function; users marked
    ``secret_clearance`` are the unit's secret-cleared clerks and leaders
    (and only those)."""
    people: dict[tuple[str, str], list[str]] = {}
    for user in users:
        function = user["function"]
        if user.get("secret_clearance"):
            function = f"cleared_{function}"
        people.setdefault((user["unit"], function), []).append(user["username"])
    chosen = [
        unit
        for unit in orgunits
        if unit["code"] in codes
        or (unit.get("parent") in codes and unit.get("kind") == "agency")
    ]
    sampled = []
    for unit in chosen:
        code = unit["code"]
        outgoing, incoming = volumes.get(unit["kind"], (0, 0))
        sampled.append(
            SampleUnit(
                code=code,
                title=unit["title"],
                abbreviation=unit["abbreviation"],
                kind=unit["kind"],
                outgoing=round(outgoing * scale),
                incoming=round(incoming * scale),
                parent=unit.get("parent", ""),
                clerks=tuple(people.get((code, "clerical"), ())),
                officers=tuple(people.get((code, "officer"), ())),
                leaders=tuple(people.get((code, "leader"), ())),
                cleared_clerks=tuple(people.get((code, "cleared_clerical"), ())),
                cleared_leaders=tuple(people.get((code, "cleared_leader"), ())),
            )
        )
    return sampled


def awaiting_issue(
    unit: SampleUnit,
    reference: datetime,
    calendar,
    count: int,
    *,
    seed: int = 1,
    texts: dict | None = None,
) -> list[dict]:
    """``count`` approved outgoing documents of ``unit`` (ordinary,
    external recipients only), approved in the hour before ``reference``:
    the clerical office's queue for the benchmark's issuing run."""
    sampler = _Sampler([unit], reference, calendar, seed, texts or load_texts())
    moment = reference - timedelta(hours=1)
    return [
        sampler.outgoing(
            unit,
            moment,
            "approved",
            doctype="dispatch",
            urgency="normal",
            internal=(),
            external=("UBND tỉnh Điện Biên",),
        )
        for _ in range(count)
    ]
