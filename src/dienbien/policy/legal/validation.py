"""The rules of ``core/legal/documents.py`` for the add and edit forms and
for REST: a wrong notation, a date that breaks the lead time or a relation
to a document the register does not hold is refused, naming the field."""

from dienbien.policy.core.legal.documents import check_record
from dienbien.policy.core.legal.documents import LEAD_DAYS
from dienbien.policy.core.legal.documents import LegalRecord
from dienbien.policy.core.messages import Problem
from dienbien.policy.interfaces import IDienbienPolicyLayer
from dienbien.policy.legal.document import ILegalDocument
from dienbien.policy.legal.validity import notation_key
from dienbien.policy.legal.validity import resolve_target
from dienbien.policy.orgunits.lookup import unit_brains
from dienbien.policy.validation import CheckedDeserializer
from dienbien.policy.validation import CheckedFormValidator
from plone import api
from plone.restapi.interfaces import IDeserializeFromJson
from plone.uuid.interfaces import IUUID
from z3c.form.interfaces import IForm
from z3c.form.util import getSpecification
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface


def _abbreviation(context, code) -> str:
    if not code:
        return ""
    brains = unit_brains(context, unit_code=code)
    if not brains:
        return ""
    unit = brains[0]._unrestrictedGetObject()
    return (getattr(unit, "abbreviation", None) or "").strip()


def _known_keys(exclude=None) -> set[str]:
    catalog = api.portal.get_tool("portal_catalog")
    return {
        brain.legal_key
        for brain in catalog.unrestrictedSearchResults(portal_type="LegalDocument")
        if brain.legal_key and (exclude is None or exclude != brain.UID)
    }


def _series_problems(context, record: LegalRecord, issuer: str | None) -> list:
    """A number the issuer's clerical office has not issued yet, when its
    normative series is kept on the site (correspondence registers): the
    register records decisions as issued, it does not number them. A series
    the site does not keep (older years, other issuers) is not checked."""
    from dienbien.policy.core.correspondence import doctypes
    from dienbien.policy.core.correspondence.notation import parse_notation
    from dienbien.policy.core.correspondence.registers import NORMATIVE
    from dienbien.policy.core.correspondence.registers import Series
    from dienbien.policy.correspondence.lifecycle import documents_folder
    from dienbien.policy.correspondence.sequence import last_number

    brains = unit_brains(context, unit_code=issuer) if issuer else []
    if not brains or not record.doctype:
        return []
    doctype = doctypes.document_type(record.doctype)
    notation = parse_notation(record.notation, doctype)
    if notation.year is None:
        return []
    series = Series(brains[0].UID, notation.year, NORMATIVE, doctype.id)
    try:
        last = last_number(documents_folder(), series)
    except KeyError:  # a site without correspondence
        return []
    if not last or notation.number <= last:
        return []
    return [
        Problem(
            "notation",
            "Number ${number} has not been issued yet: the last number of "
            "this issuer's ${year} series of ${type} is ${last}.",
            {
                "number": notation.number,
                "year": notation.year,
                "type": doctype.title,
                "last": last,
            },
        )
    ]


def legal_problems(context, values: dict, exclude_uid=None) -> list[Problem]:
    record = LegalRecord(
        notation=(values.get("notation") or "").strip(),
        doctype=values.get("doctype") or "",
        issuer_abbreviation=_abbreviation(context, values.get("issuer")),
        signed=values.get("signed"),
        effective=values.get("in_force_from"),
        end=values.get("in_force_until"),
        shortened=bool(values.get("shortened")),
    )
    # The site's setting (docs/settings.md); the law's 10 days until a site
    # upgraded from before profile 1015 has the record.
    lead_days = api.portal.get_registry_record(
        "dienbien.settings.legal_lead_days", default=LEAD_DAYS
    )
    problems = check_record(record, lead_days)
    if not any(problem.field == "notation" for problem in problems):
        problems += _series_problems(context, record, values.get("issuer"))
    known = _known_keys(exclude=exclude_uid)
    own = notation_key(record.notation, values.get("issuer"))
    if own and own in known:
        problems.append(
            Problem(
                "notation",
                "The register already holds ${value}.",
                {"value": record.notation},
            )
        )
    for row in values.get("relations") or ():
        row = row if isinstance(row, dict) else {}
        target = (row.get("target") or "").strip()
        key, ambiguous = resolve_target(row, values.get("issuer"), known)
        if ambiguous:
            problems.append(
                Problem(
                    "relations",
                    "Several issuers have a document ${value}: choose the issuer.",
                    {"value": target},
                )
            )
        elif key is None or key == own or key not in known:
            problems.append(
                Problem(
                    "relations",
                    "The register holds no document ${value} to relate to.",
                    {"value": target},
                )
            )
    return problems


@implementer(IDeserializeFromJson)
@adapter(ILegalDocument, IDienbienPolicyLayer)
class LegalDocumentDeserializer(CheckedDeserializer):
    def problems(self, data, failed):
        values = {
            name: getattr(self.context, name, None) for name in ILegalDocument.names()
        }
        values.update({name: data[name] for name in failed if name in data})
        return legal_problems(
            self.context, values, exclude_uid=IUUID(self.context, None)
        )


@adapter(
    Interface, Interface, IForm, getSpecification(ILegalDocument, force=True), Interface
)
class LegalDocumentFormValidator(CheckedFormValidator):
    schema_interface = ILegalDocument

    def problems(self, values):
        uid = IUUID(self.context, None) if self.is_edit else None
        return legal_problems(self.context, values, exclude_uid=uid)
