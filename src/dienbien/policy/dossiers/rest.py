"""Dossiers over plone.restapi: created by a desk clerk with ``POST /ho-so``
(code, acceptance and appointment computed), read with local times, the
status code and the frozen terms."""

from datetime import datetime
from dienbien.policy.core.dossiers import Applicant
from dienbien.policy.core.dossiers import check_applicant
from dienbien.policy.core.dossiers import STATUS_CODES
from dienbien.policy.core.edits import acceptance_problems
from dienbien.policy.core.edits import change_problems
from dienbien.policy.core.messages import Problem
from dienbien.policy.dossiers import edits
from dienbien.policy.dossiers.dossier import IDossier
from dienbien.policy.dossiers.lifecycle import accept_new
from dienbien.policy.dossiers.lifecycle import creation_problems
from dienbien.policy.dossiers.lifecycle import now
from dienbien.policy.dossiers.titles import status_title
from dienbien.policy.interfaces import IDienbienPolicyLayer
from dienbien.policy.services.errors import moment_param
from dienbien.policy.validation import CheckedDeserializer
from dienbien.policy.workingtime import to_aware
from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from zExceptions import Forbidden
from zope.component import adapter
from zope.interface import implementer


TIMES = ("submitted", "accepted", "appointment", "returned")


def _parse_time(data, name, problems: list) -> datetime | None:
    value = data.get(name)
    if value in (None, ""):
        return None
    return moment_param(name, value, problems, to_minute=True)


@implementer(IDeserializeFromJson)
@adapter(IDossier, IDienbienPolicyLayer)
class DossierDeserializer(CheckedDeserializer):
    """Creation (``POST /ho-so``) and edits (``PATCH``) of a dossier.

    An edit is judged by ``core.edits`` on the fields whose value it
    changes: a function that may edit nothing in the dossier's state gets
    403; a frozen field, or a change without the ``reason`` the state asks
    for, a 400 naming the field. Only then are the changes kept, each in the
    edit trail with the reason.
    """

    def __call__(self, *args, **kwargs):
        create = kwargs.get("create", False)
        if not create and self.context.code is not None:
            if not edits.may_edit(self.context):
                raise Forbidden("Your function may not edit this dossier in its state.")
            # Judged as things stand: a change of unit would change the roles.
            self._before = edits.snapshot(self.context)
            self._state = edits.state(self.context)
            self._functions = edits.functions(self.context)
        result = super().__call__(*args, **kwargs)
        if create:
            folder = self.context.aq_parent
            accept_new(self.context, folder, self._accepted, self._submitted)
        elif self.context.code is not None:
            edits.record(self.context, self._before, self._reason, now())
        return result

    def _edit_problems(self, data) -> list[Problem]:
        reason = data.get("reason")
        self._reason = reason.strip() if isinstance(reason, str) else ""
        if reason is not None and not isinstance(reason, str):
            return [Problem("reason", "The reason must be text.")]
        changed = [
            name
            for name, value in edits.snapshot(self.context).items()
            if value != self._before[name]
        ]
        return change_problems(
            self._state,
            self._functions,
            changed,
            self._reason,
        )

    def problems(self, data, failed):
        problems = []
        creating = self.context.code is None
        if not creating:
            problems.extend(self._edit_problems(data))
        if creating:
            self._accepted = _parse_time(data, "accepted", problems)
            self._submitted = _parse_time(data, "submitted", problems)
            current = now()
            if self._accepted is not None:
                may_backdate = "Manager" in api.user.get_roles()
                problems.extend(
                    acceptance_problems(self._accepted, current, may_backdate)
                )
            self._accepted = self._accepted or current
            if self._submitted and self._submitted > self._accepted:
                problems.append(
                    Problem(
                        "submitted",
                        "A dossier cannot be submitted after it is accepted.",
                    )
                )
        applicant = Applicant(
            name=self.context.applicant_name or "",
            id_number=self.context.applicant_id_number or "",
            phone=self.context.applicant_phone or "",
            email=self.context.applicant_email or "",
            address=self.context.applicant_address or "",
        )
        problems.extend(p for p in check_applicant(applicant) if p.field not in failed)
        if creating and "procedure" not in failed:
            problems.extend(creation_problems(self.context))
        return problems


@implementer(ISerializeToJson)
@adapter(IDossier, IDienbienPolicyLayer)
class DossierSerializer(SerializeToJson):
    def __call__(self, *args, **kwargs):
        result = super().__call__(*args, **kwargs)
        for name in TIMES:
            value = getattr(self.context, name, None)
            result[name] = to_aware(value).isoformat() if value else None
        state = api.content.get_state(self.context)
        result["status_code"] = STATUS_CODES.get(state)
        result["status_title"] = status_title(state, self.request)
        result["terms"] = self.context.terms
        result["procedure_title"] = self.context.procedure_title
        return result
