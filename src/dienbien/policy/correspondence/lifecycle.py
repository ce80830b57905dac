"""What the workflow steps of a document do besides changing its state.

- ``issue`` (outgoing, by the clerical office): takes the number from the
  unit's series of the year of issue (ordinary, secret, or the normative
  series of the type) and writes the notation — in the step's transaction.
- ``register`` (incoming, by the clerical office): takes the incoming number.
- ``return`` and ``recall`` need a reason, kept on the document.
- ``assign`` and ``close`` record their moment.

The rules (series, notation) are ``core/correspondence``; the counters
``sequence.py``.
"""

from DateTime import DateTime
from datetime import datetime
from dienbien.policy import clock
from dienbien.policy.core.correspondence import doctypes
from dienbien.policy.core.correspondence import notation
from dienbien.policy.core.correspondence import registers
from dienbien.policy.core.correspondence.outgoing import notation_department
from dienbien.policy.core.messages import Problem
from dienbien.policy.correspondence import sequence
from dienbien.policy.correspondence.documents import DOCUMENTS_PATH
from dienbien.policy.orgunits.references import unit_uid
from dienbien.policy.workingtime import to_aware
from plone import api
from Products.CMFCore.WorkflowCore import WorkflowException


#: Steps that need a reason, given as the transition's comment.
NEEDS_REASON = {"return", "recall"}


def now() -> datetime:
    return clock.now()


def documents_folder():
    return api.portal.get()[DOCUMENTS_PATH]


def unit_object(document, name: str = "unit"):
    """The OrgUnit a document's reference ``name`` points to (``None``: gone)."""
    uid = unit_uid(document, name)
    if not uid:
        return None
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(UID=uid)
    return brains[0]._unrestrictedGetObject() if brains else None


def issuer_abbreviation(document) -> str:
    unit = unit_object(document)
    return ((getattr(unit, "abbreviation", None) or "") if unit else "").strip()


def outgoing_series(document, moment: datetime) -> registers.Series:
    return registers.outgoing_series(
        unit_uid(document, "unit"),
        moment,
        doctypes.document_type(document.doctype),
        normative=bool(document.normative),
        confidentiality=document.confidentiality or "normal",
    )


def incoming_series(document, moment: datetime) -> registers.Series:
    return registers.incoming_series(
        unit_uid(document, "unit"), moment, document.confidentiality or "normal"
    )


def issue(document, moment: datetime) -> None:
    """Number, notation and date of issue, from the unit's series."""
    doctype = doctypes.document_type(document.doctype)
    series = outgoing_series(document, moment)
    number = sequence.take_number(documents_folder(), series)
    printed = registers.issue_notation(
        series,
        number,
        doctype,
        issuer_abbreviation(document),
        notation_department(document.doctype, document.department or ""),
    )
    document.number = number
    document.year = series.year
    document.notation = str(printed)
    document.issued = moment


def register(document, moment: datetime) -> None:
    """The incoming number, in order of arrival within the year."""
    series = incoming_series(document, moment)
    document.incoming_number = sequence.take_number(documents_folder(), series)
    document.year = series.year
    document.registered = moment
    if document.received is None:
        document.received = moment


def document_added(document, event):
    """The creator of an outgoing draft is its drafter."""
    if getattr(document, "kind", None) == "outgoing" and not document.drafter:
        document.drafter = api.user.get_current().getId()


def _comment(event) -> str:
    kwargs = event.kwargs or {}
    return (kwargs.get("comment") or "").strip()


def before_transition(document, event):
    if event.transition is None:
        return
    name = event.transition.id
    if name in NEEDS_REASON and not _comment(event):
        raise WorkflowException(f"The transition {name} needs a reason (comment).")
    if name == "issue":
        problem = issue_problem(document)
        if problem is not None:
            raise WorkflowException(problem.message)


def issue_problem(document):
    """What stops the document from being numbered (``None``: nothing): a
    unit without abbreviation, a công văn without its department, a type
    that cannot be normative. Checked before the number is taken."""
    try:
        doctype = doctypes.document_type(document.doctype)
        year = 2000 if document.normative else None
        notation.notation_for(
            1,
            doctype,
            issuer_abbreviation(document),
            # Other types may name who drafted them; only a công văn's
            # notation shows it.
            notation_department(document.doctype, document.department or ""),
            year,
        )
    except notation.NotationError as error:
        return error.problem
    except (KeyError, ValueError):
        return Problem("doctype", "Unknown document type.")
    return None


def stamp_history(document, moment: datetime) -> None:
    """Date the history entry the step just wrote by the site's clock, as
    the step's own fields are (``issued``, ``sent``…): the page shows one
    time for one step, and a clock set by tests or a loader holds for both."""
    workflow = api.portal.get_tool("portal_workflow")
    for chain in workflow.getChainFor(document):
        history = document.workflow_history.get(chain)
        if history:
            entry = dict(history[-1], time=DateTime(to_aware(moment)))
            document.workflow_history[chain] = (*history[:-1], entry)


def after_transition(document, event):
    if event.transition is None:
        return
    name = event.transition.id
    moment = now()
    stamp_history(document, moment)
    if name == "issue":
        issue(document, moment)
    elif name == "send":
        document.sent = moment
    elif name == "register":
        register(document, moment)
    elif name == "assign":
        document.assigned = moment
    elif name == "close":
        document.closed = moment
    elif name == "return":
        document.return_reason = _comment(event)
    elif name == "recall":
        document.recall_reason = _comment(event)
    document.reindexObject()
