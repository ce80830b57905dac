"""Documents over plone.restapi: created with ``POST /van-ban`` (checked by
``core.correspondence.checks`` before anything is stored), read with their
state's title, the numbers the workflow gave them and their history.

The registration of an incoming document created by a clerk in the same
request is ``services/document_add``'s; the steps are
``services/document_workflow``'s.
"""

from datetime import date
from datetime import datetime
from dienbien.policy import _
from dienbien.policy.clock import now
from dienbien.policy.core.correspondence.checks import incoming_problems
from dienbien.policy.core.correspondence.checks import membership_problems
from dienbien.policy.core.correspondence.checks import outgoing_problems
from dienbien.policy.core.exchange.status import CODES
from dienbien.policy.core.messages import Problem
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.correspondence.documents import IIncomingDocument
from dienbien.policy.correspondence.documents import IOutgoingDocument
from dienbien.policy.correspondence.drafting import problems_of
from dienbien.policy.correspondence.sending import delivery_rows
from dienbien.policy.correspondence.sending import status_title
from dienbien.policy.correspondence.titles import state_title
from dienbien.policy.dossiers.browser.display import full_name
from dienbien.policy.interfaces import IDienbienPolicyLayer
from dienbien.policy.orgunits.lookup import unit_objects
from dienbien.policy.services.errors import json_object
from dienbien.policy.services.errors import moment_param
from dienbien.policy.signatures.display import signature_facts
from dienbien.policy.validation import CheckedDeserializer
from dienbien.policy.workingtime import TIMEZONE
from dienbien.policy.workingtime import to_aware
from plone import api
from plone.app.textfield.interfaces import IRichText
from plone.dexterity.utils import iterSchemata
from plone.namedfile.interfaces import INamedField
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from zope.component import adapter
from zope.interface import implementer
from zope.schema import Bool
from zope.schema import getFields
from zope.schema import List


#: Set by the workflow, never by a request (contract10.md).
READ_ONLY = {
    "outgoing": (
        "drafter",
        "number",
        "year",
        "notation",
        "issued",
        "sent",
        "return_reason",
        "recall_reason",
    ),
    "incoming": (
        "incoming_number",
        "year",
        "registered",
        "assigned",
        "closed",
        "progress",
        "reply",
        "source",
        "return_reason",
    ),
}


def kind_of(document) -> str:
    return "outgoing" if IOutgoingDocument.providedBy(document) else "incoming"


def unit_abbreviations(context) -> dict[str, str]:
    """Every unit's code -> its abbreviation (the issuer in notations)."""
    return {
        unit.code: getattr(unit, "abbreviation", "") or ""
        for unit in unit_objects(context)
        if getattr(unit, "code", None)
    }


def unit_leaders(code: str) -> set[str]:
    """The user ids of the unit's leader group (who may sign for it)."""
    group = api.group.get(groupname=group_id(code, "leader"))
    return set(group.getGroupMemberIds()) if group is not None else set()


def known_user(userid: str) -> bool:
    return api.user.get(userid=userid) is not None


def _moment(value):
    if isinstance(value, datetime):
        return to_aware(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return value


#: The functions that create a document of each kind, in its unit.
CREATORS = {
    "outgoing": ("officer", "leader", "clerical"),
    "incoming": ("clerical",),
}


def own_units(kind: str, units) -> set[str]:
    """The codes of the units where the current user has a function that
    creates documents of ``kind``."""
    user = api.user.get_current()
    groups = set(user.getGroups() or ()) if user is not None else set()
    return {
        code
        for code in units
        if any(group_id(code, function) in groups for function in CREATORS[kind])
    }


class DocumentDeserializer(CheckedDeserializer):
    """Creation and edits of a document, judged by the core on the values
    as sent (or stored, for fields not sent). A document is created by
    its unit's own staff."""

    def __call__(self, *args, **kwargs):
        self._create = kwargs.get("create", False)
        data = args[1] if len(args) > 1 else kwargs.get("data")
        args = args[:1]
        if data is None:
            data = json_object(self.request)
        kwargs["data"] = data
        # The arrival is local time, stored naive (the house convention);
        # plone.restapi would store it in UTC. Read here, set after the checks.
        self._received, self._received_problems = None, []
        if "received" in data and kind_of(self.context) == "incoming":
            data = dict(data)
            value = data.pop("received")
            if value not in (None, ""):
                self._received = moment_param(
                    "received", value, self._received_problems, to_minute=True
                )
            kwargs["data"] = data
        result = super().__call__(*args, **kwargs)
        if self._received is not None:
            self.context.received = self._received
        elif self._create and kind_of(self.context) == "incoming":
            self.context.received = getattr(self.context, "received", None) or now()
        return result

    def malformed(self, data) -> dict:
        """Besides the stock checks: lists of choices (the recipient units)
        whose items are not texts, which plone.restapi cannot read, and lists
        of texts (people) with other things in them."""
        found = super().malformed(data)
        for schema in iterSchemata(self.context):
            for name, field in getFields(schema).items():
                value = data.get(name)
                if value is None or name in found:
                    continue
                if isinstance(field, List) and not (
                    isinstance(value, list) and all(isinstance(v, str) for v in value)
                ):
                    found[name] = _(
                        "${name} is a list of texts.", mapping={"name": name}
                    )
                elif IRichText.providedBy(field) and not isinstance(value, (str, dict)):
                    found[name] = _("${name} must be a text.", mapping={"name": name})
                elif isinstance(field, Bool) and not isinstance(value, bool):
                    found[name] = _("${name} is true or false.", mapping={"name": name})
                elif INamedField.providedBy(field) and not (
                    isinstance(value, dict)
                    and isinstance(value.get("data"), str)
                    and all(isinstance(v, str) for v in value.values())
                ):
                    found[name] = _(
                        "${name} is a file: an object with data and filename.",
                        mapping={"name": name},
                    )
        return found

    def problems(self, data, failed):
        kind = kind_of(self.context)
        problems = [
            Problem(
                name,
                "${name} is set by the workflow, not by a request.",
                {"name": name},
            )
            for name in READ_ONLY[kind]
            if name in data
        ]
        schema = IOutgoingDocument if kind == "outgoing" else IIncomingDocument
        values = {
            name: data.get(name)
            if name in failed
            else getattr(self.context, name, None)
            for name in getFields(schema)
        }
        problems += self._received_problems
        if self._received is not None:
            values["received"] = self._received
        units = unit_abbreviations(self.context)
        if kind == "outgoing":
            problems += outgoing_problems(values, units, known_user, unit_leaders)
            # The draft's own rules, as the classic form applies them
            # (content or file, a recipient, a signer…): one problem a field.
            named = {problem.field for problem in problems}
            problems += [
                problem
                for problem in problems_of(self.context, values)
                if problem.field not in named
            ]
        else:
            problems += incoming_problems(values, units, known_user, now())
        if self._create and "unit" not in {p.field for p in problems}:
            problems += membership_problems(values["unit"], own_units(kind, units))
        # The stock refusal stays for a failed field the core says nothing of.
        return problems


@implementer(IDeserializeFromJson)
@adapter(IOutgoingDocument, IDienbienPolicyLayer)
class OutgoingDeserializer(DocumentDeserializer):
    pass


@implementer(IDeserializeFromJson)
@adapter(IIncomingDocument, IDienbienPolicyLayer)
class IncomingDeserializer(DocumentDeserializer):
    pass


class DocumentSerializer(SerializeToJson):
    def __call__(self, *args, **kwargs):
        result = super().__call__(*args, **kwargs)
        kind = kind_of(self.context)
        state = api.content.get_state(self.context)
        result["kind"] = kind
        result["state_title"] = state_title(kind, state, self.request)
        times = ("received",) if kind == "incoming" else ()
        for name in (*READ_ONLY[kind], *times):
            value = getattr(self.context, name, None)
            if name == "progress":
                value = [
                    {**entry, "time": _moment(entry.get("time"))}
                    for entry in value or ()
                ]
            result[name] = _moment(value)
        result["history"] = self.history(kind)
        # Kept when the file was attached, not worked out here (signatures/).
        result["signatures"] = signature_facts(self.context, self.request)
        if kind == "outgoing":
            result["recipients_status"] = self.recipients_status()
        if kind == "incoming":
            # What came with an edXML package (exchange/): its identity, the
            # further files, the package itself for the unit's clerks.
            from dienbien.policy.exchange.views import exchange_facts

            result.update(exchange_facts(self.context))
        return result

    def recipients_status(self) -> list[dict]:
        """The sender's table (issue 11): per recipient, inside the site or
        outside it, the exchange's status, its code and title, and when."""
        return [
            {
                "recipient": row["unit"],
                "title": row["unit_title"],
                "external": row["external"],
                "status": row["status"],
                "code": CODES.get(row["status"]),
                "status_title": status_title(row["status"], self.request),
                "changed": _moment(row["changed"]),
                "delivered": _moment(row["delivered"]),
                "reason": row["reason"],
            }
            for row in delivery_rows(self.context)
        ]

    def history(self, kind) -> list[dict]:
        """Every step, oldest first: who, when (local time), the comment."""
        workflow = api.portal.get_tool("portal_workflow")
        chain = workflow.getChainFor(self.context)
        entries = (getattr(self.context, "workflow_history", {}) or {}).get(
            chain[0] if chain else "", ()
        )
        names: dict = {}
        steps = []
        for entry in entries:
            moment = entry.get("time")
            steps.append(
                {
                    "action": entry.get("action"),
                    "actor": entry.get("actor"),
                    "actor_name": full_name(entry.get("actor"), names),
                    "time": moment.asdatetime().astimezone(TIMEZONE).isoformat()
                    if moment is not None
                    else None,
                    "review_state": entry.get("review_state"),
                    "state_title": state_title(
                        kind, entry.get("review_state"), self.request
                    ),
                    "comment": entry.get("comments") or "",
                }
            )
        return steps


@implementer(ISerializeToJson)
@adapter(IOutgoingDocument, IDienbienPolicyLayer)
class OutgoingSerializer(DocumentSerializer):
    pass


@implementer(ISerializeToJson)
@adapter(IIncomingDocument, IDienbienPolicyLayer)
class IncomingSerializer(DocumentSerializer):
    pass
