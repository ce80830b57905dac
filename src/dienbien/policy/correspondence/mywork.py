"""My work (issue 10, item 9): what waits for the current user, in groups
(``core.correspondence.worklist``), read from catalog metadata only.

Whose work a group is decides its query: the unit functions the user holds
(clerical office, leader; from his units' groups) select the units of the
documents; a person's own work (to handle, returned drafts) is found by the
``document_waiting`` index (the handler and co-handlers of an incoming
document, the drafter of a returned draft). The catalog's security filter
still applies: a secret document is listed only for the people named on it.

The one-stop dossiers due soon or overdue are the dossier listing's
"overdue" and "due this week" filters (``dossier_listing.deadline_range``).
"""

from datetime import date
from datetime import datetime
from dienbien.policy import _
from dienbien.policy import clock
from dienbien.policy.catalogrecords import Columns
from dienbien.policy.core.correspondence import worklist
from dienbien.policy.core.correspondence.marks import is_urgent
from dienbien.policy.core.correspondence.marks import URGENCY_IDS
from dienbien.policy.core.dossiers import CLOCK_RUNS
from dienbien.policy.correspondence.documents import IIncomingDocument
from dienbien.policy.correspondence.documents import IOutgoingDocument
from dienbien.policy.dossiers.browser.dossier_listing import deadline_range
from dienbien.policy.dossiers.browser.dossier_listing import MINUTE
from dienbien.policy.orgunits.groups import user_units
from dienbien.policy.orgunits.lookup import unit_codes
from dienbien.policy.workingtime import site_calendar
from itertools import islice
from plone import api
from plone.indexer import indexer
from zope.globalrequest import getRequest
from zope.i18n import translate

import dataclasses


PORTAL_TYPES = {"incoming": "IncomingDocument", "outgoing": "OutgoingDocument"}
#: How many documents a group reads to put the most pressing first (a
#: person's documents to handle are tens; a clerk's backlog is read oldest
#: first from the catalog's sort, so the first hundreds are the oldest).
READ = 200
LIMIT = 20
MAX_LIMIT = 100


@dataclasses.dataclass
class Work:
    user: str
    today: date
    week_until: date | None
    groups: list  # [{"id", "count", "items"}]

    @property
    def total(self) -> int:
        return sum(group["count"] for group in self.groups)


def _functions(context, user) -> dict[str, set[str]]:
    return user_units(unit_codes(context), user)


def applies(group: worklist.Group, functions: dict, may_list_dossiers: bool) -> bool:
    if group.waits_for in ("clerical", "leader"):
        return bool(functions.get(group.waits_for))
    if group.kind == "dossier":
        return may_list_dossiers
    return True  # named on documents: anyone may be


def _query(group: worklist.Group, user_id: str, functions: dict) -> dict:
    query = {
        "portal_type": PORTAL_TYPES[group.kind],
        "review_state": list(group.states),
        # Oldest first, by creation: a sort index leaves out the documents
        # it holds no value for (a draft has no date of issue, a document
        # entered without its arrival time none of arrival).
        "sort_on": "created",
        "sort_limit": READ,
    }
    if group.id == "to_decide":
        query["document_waiting"] = [
            DECIDE_TOKEN + code for code in sorted(functions["clerical"])
        ]
    if group.waits_for in ("clerical", "leader"):
        query["document_unit"] = sorted(functions[group.waits_for])
    elif group.waits_for == "handler":
        # His own, and those assigned to a unit he is an officer of without
        # naming anyone (the catalog's security filter keeps a secret one
        # for the people named on it).
        units = sorted(functions.get("officer", ()))
        query["document_waiting"] = [user_id] + [UNIT_TOKEN + code for code in units]
    else:
        query["document_waiting"] = user_id
    return query


def _minute(value) -> str | None:
    """A catalog ``DateTime`` as the local minute of the ``document_*``
    columns ("2026-03-03T10:00")."""
    if value is None:
        return None
    local = value.asdatetime().astimezone(clock.TIMEZONE)
    return local.strftime("%Y-%m-%dT%H:%M")


def document_item(brain, today: date, until: date | None) -> dict:
    deadline = worklist.deadline_of(brain.document_deadline)
    urgency = _urgency(brain)
    return {
        "@id": brain.getURL(),
        "UID": brain.UID,
        "kind": brain.document_kind,
        "title": brain.Title,
        "review_state": brain.review_state,
        "unit": brain.document_unit,
        "number": brain.document_number,
        "notation": brain.document_notation or "",
        "date": brain.document_date or _minute(brain.created),
        "sender": brain.document_sender or "",
        "urgency": urgency,
        "urgent": is_urgent(urgency),
        "deadline": deadline.isoformat() if deadline else None,
        "overdue": worklist.is_overdue(deadline, today),
        "due_soon": worklist.is_due_soon(deadline, today, until),
    }


def _urgency(brain) -> str:
    return brain.document_urgency if brain.document_urgency in URGENCY_IDS else "normal"


def _order_key(group: worklist.Group, today: date):
    """The key that puts a group's most pressing documents first, from the
    ``RANK`` columns of a brain or a record."""
    if group.id == "to_handle":
        return lambda brain: worklist.handling_key(
            _urgency(brain),
            worklist.deadline_of(brain.document_deadline),
            brain.document_date or _minute(brain.created) or "",
            today,
        )
    return lambda brain: worklist.arrival_key(
        _urgency(brain), brain.document_date or _minute(brain.created)
    )


#: The columns that order a group (read by record id, not from brains).
RANK = ("document_urgency", "document_deadline", "document_date", "created")


def _documents(catalog, columns, group, user_id, functions, today, until, limit):
    brains = catalog(**_query(group, user_id, functions))
    count = getattr(brains, "actual_result_count", None)
    # The order's columns of the first READ, in the catalog's order; a brain
    # (and its URL) only for the ``limit`` shown. Sorting is stable: equal
    # keys keep the catalog's order (oldest first).
    ranks = list(islice(columns(brains), READ))
    key = _order_key(group, today)
    order = sorted(range(len(ranks)), key=lambda position: key(ranks[position]))
    return {
        "id": group.id,
        "count": len(brains) if count is None else count,
        "items": [
            document_item(brains[position], today, until) for position in order[:limit]
        ],
    }


def _dossiers(catalog, moment: datetime, limit: int) -> dict:
    limit_range = deadline_range(moment, True, True, site_calendar())
    group = {"id": "dossiers_due", "count": 0, "items": []}
    if limit_range == ():
        return group
    query = {
        "portal_type": "Dossier",
        "review_state": list(CLOCK_RUNS),
        "sort_on": "dossier_appointment",
        "sort_limit": limit,
    }
    if limit_range:
        query["dossier_appointment"] = limit_range
    brains = catalog(**query)
    count = getattr(brains, "actual_result_count", None)
    current = moment.strftime(MINUTE)
    group["count"] = len(brains) if count is None else count
    group["items"] = [
        {
            "@id": brain.getURL(),
            "UID": brain.UID,
            "kind": "dossier",
            "code": brain.dossier_code,
            "title": brain.Title,
            "review_state": brain.review_state,
            "appointment": brain.dossier_appointment,
            "overdue": bool(
                brain.dossier_appointment and brain.dossier_appointment < current
            ),
        }
        for brain in brains[:limit]
    ]
    return group


def my_work(context, limit: int = LIMIT, user=None) -> Work:
    """The groups of work of ``user`` (default: the current one), each with
    its count and its first ``limit`` items, most pressing first."""
    user = user or api.user.get_current()
    user_id = user.getId()
    moment = clock.now()
    today = moment.date()
    closing = site_calendar().week_closing(today)
    until = closing.date() if closing else None
    functions = _functions(context, user)
    may_list_dossiers = bool(
        api.user.has_permission(
            "dienbien.policy: List dossiers", user=user, obj=api.portal.get()
        )
    )
    catalog = api.portal.get_tool("portal_catalog")
    columns = Columns(catalog, RANK)
    groups = []
    for group in worklist.GROUPS:
        if not applies(group, functions, may_list_dossiers):
            continue
        if group.kind == "dossier":
            groups.append(_dossiers(catalog, moment, limit))
        else:
            found = _documents(
                catalog, columns, group, user_id, functions, today, until, limit
            )
            if found["count"] or group.id not in worklist.SHOWN_WHEN_FULL:
                groups.append(found)
    return Work(user=user_id, today=today, week_until=until, groups=groups)


# Titles ---------------------------------------------------------------------

GROUP_TITLES = {
    "to_register": _("mywork_to_register", default="Incoming, to register"),
    "to_decide": _(
        "mywork_to_decide",
        default="Updates and replacements from senders, to decide",
    ),
    "to_assign": _("mywork_to_assign", default="Incoming, to assign"),
    "to_handle": _("mywork_to_handle", default="Incoming, to handle"),
    "to_approve": _("mywork_to_approve", default="Drafts awaiting approval"),
    "to_issue": _("mywork_to_issue", default="Approved, awaiting issue"),
    "to_send": _("mywork_to_send", default="Issued, awaiting sending"),
    "returned_drafts": _("mywork_returned_drafts", default="My drafts returned to me"),
    "dossiers_due": _("mywork_dossiers_due", default="Dossiers due soon or overdue"),
}


def group_title(group_id: str, request=None) -> str:
    return translate(GROUP_TITLES[group_id], context=request or getRequest())


# The ``document_waiting`` index ----------------------------------------------


#: A token of ``document_waiting`` for an incoming document assigned to a
#: unit without a named handler: that unit's officers handle it.
UNIT_TOKEN = "unit:"
#: A token of ``document_waiting`` for an incoming document whose sender's
#: update or replacement waits for the unit's clerical office.
DECIDE_TOKEN = "decide:"


def _waiting_incoming(obj):
    people = [
        getattr(obj, "handler", None),
        *list(getattr(obj, "co_handlers", None) or ()),
    ]
    found = tuple(dict.fromkeys(person for person in people if person))
    handling_unit = getattr(obj, "handling_unit", None)
    if handling_unit and not getattr(obj, "handler", None):
        found += (UNIT_TOKEN + handling_unit,)
    if getattr(obj, "exchange_request", None) and getattr(obj, "unit", None):
        found += (DECIDE_TOKEN + obj.unit,)
    return found or None


def _waiting_outgoing(obj):
    drafter = getattr(obj, "drafter", None)
    if drafter and getattr(obj, "return_reason", None):
        return (drafter,)
    return None


waiting_incoming = indexer(IIncomingDocument)(_waiting_incoming)
waiting_outgoing = indexer(IOutgoingDocument)(_waiting_outgoing)


def reindex_waiting(obj, event):
    """After a step (an assignment names the handlers, a return the drafter):
    the people the document waits for."""
    obj.reindexObject(idxs=["document_waiting"])
