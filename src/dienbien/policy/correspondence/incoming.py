"""Incoming documents in Plone: register, assign, record progress, close,
return — the rules of ``core.correspondence.handling`` applied to the
stored document, each step through the workflow so that its guard (the
function of the user in the unit) decides who may take it.

Urgent documents (khẩn and above) are e-mailed to the handler as soon as
they are assigned; the message names the document, never a citizen.
"""

from dienbien.policy import _
from dienbien.policy import clock
from dienbien.policy.core.correspondence import doctypes
from dienbien.policy.core.correspondence import handling
from dienbien.policy.core.correspondence import marks
from dienbien.policy.core.correspondence.notation import NotationError
from dienbien.policy.core.correspondence.notation import parse_notation
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.core.text import fold
from dienbien.policy.correspondence.documents import INCOMING
from dienbien.policy.correspondence.documents import new_id
from dienbien.policy.orgunits.lookup import unit_brains
from dienbien.policy.orgunits.lookup import unit_title
from dienbien.policy.workingtime import _setting
from dienbien.policy.workingtime import site_calendar
from plone import api
from zope.i18n import translate

import logging


logger = logging.getLogger(__name__)

PORTAL_TYPE = "IncomingDocument"
#: The functions whose members may handle a document of their unit.
STAFF_FUNCTIONS = ("officer", "leader", "clerical")
#: Outgoing documents offered as the reply, newest first.
REPLY_CHOICES = 200


def handling_days_setting() -> int:
    """Working days offered for an ordinary document (a site setting when
    the site has one, else the core's default)."""
    value = _setting("incoming_handling_days", handling.DEFAULT_HANDLING_DAYS)
    try:
        return max(1, int(value))
    except (TypeError, ValueError):
        return handling.DEFAULT_HANDLING_DAYS


def proposed_deadline(doc, moment=None):
    return handling.proposed_deadline(
        site_calendar(),
        moment or clock.now(),
        doc.urgency or "normal",
        handling_days_setting(),
    )


# -- Registration -------------------------------------------------------------


def find_duplicates(folder, unit: str, registration) -> list:
    """Documents of ``unit`` already registered with the same sender's
    number and notation in the year of the document's date (Appendix VI:
    warn the clerk). Reads catalog metadata, wakes only the matches."""
    catalog = api.portal.get_tool("portal_catalog")
    wanted = registration.duplicate_key
    found = []
    # Registered in the year of the document's date or the next (a letter
    # of 30 December arrives in January): a year's register, not all years.
    year = registration.sender_date.year
    for brain in catalog(
        portal_type=PORTAL_TYPE,
        document_unit=unit,
        document_year=[year, year + 1],
        path="/".join(folder.getPhysicalPath()),
    ):
        notation = getattr(brain, "document_notation", None) or ""
        try:
            canonical = parse_notation(notation).canonical
        except NotationError:
            continue
        if canonical != registration.notation.canonical:
            continue
        doc = brain.getObject()
        if duplicate_key(doc) == wanted:
            found.append(doc)
    return found


def duplicate_key(doc):
    try:
        notation = parse_notation(
            doc.sender_notation, doctypes.document_type(doc.doctype)
        )
    except (NotationError, KeyError):
        return None
    if doc.sender_date is None:
        return None
    return handling.registration_key(
        getattr(doc, "sender_unit", None) or "",
        doc.sender_name or "",
        notation,
        doc.sender_date,
    )


def create_registered(folder, unit: str, registration, file=None, readers=()):
    """Create the document and register it in the same transaction (the
    incoming number is taken by the workflow's ``register`` step). A secret
    document is seen by the people named only: the clerk who registers it
    is named, with the ``readers`` the clerk chose."""
    sender_name = registration.sender_name
    if registration.sender_unit and not sender_name:
        sender_name = unit_title(folder, registration.sender_unit)
    values = {
        "unit": unit,
        "received": registration.received,
        "sender_name": sender_name,
        "sender_notation": registration.sender_notation,
        "sender_date": registration.sender_date,
        "doctype": registration.doctype,
        "summary": registration.summary,
        "urgency": registration.urgency,
        "confidentiality": registration.confidentiality,
    }
    if registration.sender_unit:
        values["sender_unit"] = registration.sender_unit
    if file is not None:
        values["file"] = file
    if marks.is_secret(registration.confidentiality):
        clerk = api.user.get_current().getId()
        values["readers"] = list(dict.fromkeys([clerk, *readers]))
    doc = api.content.create(
        container=folder, type=PORTAL_TYPE, id=new_id(INCOMING), **values
    )
    api.content.transition(obj=doc, transition="register")
    return doc


def clerk_units(folder) -> list[str]:
    """The units whose clerical office the current user works in."""
    user = api.user.get_current()
    member_of = {group.getId() for group in api.group.get_groups(user=user)}
    return sorted(
        brain.unit_code
        for brain in unit_brains(folder)
        if brain.unit_code and group_id(brain.unit_code, "clerical") in member_of
    )


# -- Assignment ---------------------------------------------------------------


def child_units(context, code: str) -> list[str]:
    """The unit and the units directly under it (a district's offices)."""
    codes = [code]
    for brain in unit_brains(context):
        if getattr(brain, "unit_parent", None) == code and brain.unit_code:
            codes.append(brain.unit_code)
    return codes


def staff(context, units) -> dict[str, str]:
    """User id -> full name of the people who may handle: the officers,
    leaders and clerks of ``units``."""
    people = {}
    for unit in units:
        for function in STAFF_FUNCTIONS:
            group = api.group.get(groupname=group_id(unit, function))
            if group is None:
                continue
            for member in group.getGroupMemberIds():
                if member in people:
                    continue
                user = api.user.get(userid=member)
                if user is None:
                    continue
                people[member] = user.getProperty("fullname", "") or member
    return dict(sorted(people.items(), key=lambda item: fold(item[1])))


def assign(doc, *, instruction, handling_unit, handler, co_handlers, deadline):
    """Store the leader's assignment and take the ``assign`` step (again,
    for a re-assignment); urgent documents are e-mailed at once."""
    doc.instruction = instruction
    doc.handling_unit = handling_unit or None
    doc.handler = handler or ""
    doc.co_handlers = list(co_handlers)
    doc.deadline = deadline
    # The lifecycle records the moment (``assigned``) and reindexes.
    api.content.transition(obj=doc, transition="assign", comment=instruction or "")
    doc.reindexObjectSecurity()
    doc.reindexObject()
    if marks.is_urgent(doc.urgency or "normal"):
        notify_urgent(doc)


def recipients(doc) -> list[str]:
    """Who is mailed about an urgent document: the handler, else the
    handling unit's officers."""
    people = [doc.handler] if doc.handler else []
    if not people and doc.handling_unit:
        group = api.group.get(groupname=group_id(doc.handling_unit, "officer"))
        people = list(group.getGroupMemberIds()) if group is not None else []
    addresses = []
    for person in people:
        user = api.user.get(userid=person)
        email = user.getProperty("email", "") if user is not None else ""
        if email:
            addresses.append(email)
    return addresses


def document_name(doc) -> str:
    """ "Công văn 3954/UBND-VX: V/v …" — type, notation and summary; a
    secret document's summary never leaves the site (a mail is not a
    secret channel): its type and notation only."""
    try:
        type_title = doctypes.document_type(doc.doctype).title
    except KeyError:
        type_title = doc.doctype or ""
    if marks.is_secret(doc.confidentiality or "normal"):
        return f"{type_title} {doc.sender_notation}"
    return f"{type_title} {doc.sender_notation}: {doc.summary}"


def notify_urgent(doc) -> list[str]:
    """Mail the handler about an urgent document, with its link. The
    message names the document only: no citizen's data is in it."""
    addresses = recipients(doc)
    if not addresses:
        return []
    stamp = marks.urgency(doc.urgency).stamp
    request = getattr(doc, "REQUEST", None)
    language = api.portal.get_default_language() or "vi"
    subject = f"[{stamp}] {document_name(doc)}"
    deadline = f"{doc.deadline:%d/%m/%Y}" if doc.deadline else ""
    body = translate(
        _(
            "incoming_urgent_mail",
            default="An urgent document (${stamp}) was assigned to you.\n\n"
            "${document}\nFrom: ${sender}\nDeadline: ${deadline}\n"
            "Instruction: ${instruction}\n\n${url}\n",
            mapping={
                "stamp": stamp,
                "document": document_name(doc),
                "sender": doc.sender_name or "",
                "deadline": deadline,
                "instruction": doc.instruction or "",
                "url": doc.absolute_url(),
            },
        ),
        target_language=language,
        context=request,
    )
    sent = []
    for address in addresses:
        try:
            api.portal.send_email(recipient=address, subject=subject, body=body)
        except Exception:  # a mail server down never undoes the assignment
            logger.exception("urgent document mail not sent (%s)", doc.getId())
            continue
        sent.append(address)
    return sent


# -- Handling -----------------------------------------------------------------


def record_progress(doc, entry: dict) -> None:
    """Append a progress line; the first one starts the handling."""
    if api.content.get_state(doc) == "assigned":
        api.content.transition(obj=doc, transition="start")
    doc.progress = [*(getattr(doc, "progress", None) or []), entry]
    doc.reindexObject()


def close(doc, reply_uid: str = "", note: str = "") -> None:
    if reply_uid:
        doc.reply = reply_uid
    # The lifecycle records ``closed``.
    api.content.transition(obj=doc, transition="close", comment=note)


def return_to_sender(doc, reason: str) -> None:
    # The lifecycle keeps the reason (``return_reason``).
    api.content.transition(obj=doc, transition="return", comment=reason)


def first_assignment(doc):
    """When the document was first assigned (a re-assignment later does not
    make the forwarding late or on time)."""
    for entry in history(doc):
        if entry["action"] == "assign":
            return entry["time"]
    return getattr(doc, "assigned", None)


def history(doc) -> list[dict]:
    return list(getattr(doc, "handling_log", None) or ())


def record_step(doc, action: str, comment: str = "", state=None, moment=None):
    """A line of the document's history (its page's table, REST
    ``history``): when (the site's clock), which step, by whom, the state
    after it (the present one unless given), the comment."""
    user = api.user.get_current()
    entry = {
        "time": moment or clock.now(),
        "action": action,
        "actor": user.getId() if user is not None else "",
        "state": state or api.content.get_state(doc, default=None),
        "comment": comment,
    }
    doc.handling_log = [*history(doc), entry]


def log_step(doc, event):
    """Keep each step with the site's clock (the workflow's own record
    carries the server's time, which tests and imports cannot set)."""
    if event.transition is None:
        return
    record_step(
        doc,
        event.transition.id,
        ((event.kwargs or {}).get("comment") or "").strip(),
        state=event.new_state.id,
    )


def reply_choices(doc) -> list[dict]:
    """The issued outgoing documents of the receiving and the handling unit
    a handler may link as the reply, newest first (catalog metadata only;
    the catalog leaves out what the handler may not see)."""
    catalog = api.portal.get_tool("portal_catalog")
    units = sorted({code for code in (doc.unit, doc.handling_unit) if code})
    brains = catalog(
        portal_type="OutgoingDocument",
        document_unit=units,
        review_state=["issued", "sent"],
        sort_on="document_date",
        sort_order="descending",
        sort_limit=REPLY_CHOICES,
    )[:REPLY_CHOICES]
    return [
        {"uid": brain.UID, "title": f"{brain.document_notation or ''} – {brain.Title}"}
        for brain in brains
    ]
