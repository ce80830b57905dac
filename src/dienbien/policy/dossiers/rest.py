"""Dossiers over plone.restapi: created by a desk clerk with ``POST /ho-so``
(code, acceptance and appointment computed), read with local times, the
status code and the frozen terms."""

from datetime import datetime
from dienbien.policy.core.dossiers import Applicant
from dienbien.policy.core.dossiers import check_applicant
from dienbien.policy.core.dossiers import STATUS_CODES
from dienbien.policy.core.messages import Problem
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
    def __call__(self, *args, **kwargs):
        create = kwargs.get("create", False)
        result = super().__call__(*args, **kwargs)
        if create:
            folder = self.context.aq_parent
            accept_new(self.context, folder, self._accepted, self._submitted)
        return result

    def problems(self, data, failed):
        problems = []
        creating = self.context.code is None
        if creating:
            self._accepted = _parse_time(data, "accepted", problems)
            self._submitted = _parse_time(data, "submitted", problems)
            self._accepted = self._accepted or now()
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
