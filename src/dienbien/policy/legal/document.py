"""The ``LegalDocument`` type: a normative resolution or decision of a
People's Council or People's Committee, with its dates and its relations to
other documents, in the public register ``/van-ban-qppl``.

Relations are kept on the document that acts (the one that replaces, amends,
repeals, suspends, details or is based on another); each names its target by
number and notation, as the text of a decision does, and the inverse is
shown on the target. Validity is never stored as a status: ``validity.py``
turns dates and relations into a timeline, indexed by date.
"""

from collective.z3cform.datagridfield.datagridfield import DataGridFieldFactory
from collective.z3cform.datagridfield.row import DictRow
from dienbien.policy import _
from dienbien.policy.core.legal import lists
from dienbien.policy.core.legal import validity
from dienbien.policy.correspondence.documents import type_name
from dienbien.policy.orgunits.references import UnitReference
from plone.app.content.interfaces import INameFromTitle
from plone.app.textfield import RichText
from plone.autoform import directives
from plone.dexterity.content import Container
from plone.dexterity.content import Item
from plone.namedfile.field import NamedBlobFile
from plone.supermodel import model
from zope import schema
from zope.component import adapter
from zope.interface import implementer
from zope.interface import Interface
from zope.interface import provider
from zope.schema.interfaces import IVocabularyFactory
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


LEGAL_PATH = "van-ban-qppl"

RELATION_TITLES = {
    validity.BASED_ON: _("relation_based_on", default="Based on"),
    validity.REFERS_TO: _("relation_refers_to", default="Refers to"),
    validity.DETAILS: _("relation_details", default="Details"),
    validity.AMENDS: _("relation_amends", default="Amends"),
    validity.REPLACES: _("relation_replaces", default="Replaces"),
    validity.REPEALS: _("relation_repeals", default="Repeals"),
    validity.SUSPENDS: _("relation_suspends", default="Suspends"),
}
INVERSE_TITLES = {
    validity.BASED_ON: _("relation_based_on_inverse", default="Basis of"),
    validity.REFERS_TO: _("relation_refers_to_inverse", default="Referred to by"),
    validity.DETAILS: _("relation_details_inverse", default="Detailed by"),
    validity.AMENDS: _("relation_amends_inverse", default="Amended by"),
    validity.REPLACES: _("relation_replaces_inverse", default="Replaced by"),
    validity.REPEALS: _("relation_repeals_inverse", default="Repealed by"),
    validity.SUSPENDS: _("relation_suspends_inverse", default="Suspended by"),
}
STATUS_TITLES = {
    validity.NOT_YET: _("legal_not_yet", default="Not yet in force"),
    validity.IN_FORCE: _("legal_in_force", default="In force"),
    validity.PARTLY_EXPIRED: _("legal_partly_expired", default="Partly expired"),
    validity.EXPIRED: _("legal_expired", default="Wholly expired"),
    validity.SUSPENDED: _("legal_suspended", default="Suspended"),
    validity.PARTLY_SUSPENDED: _("legal_partly_suspended", default="Partly suspended"),
}
#: What the reviewer proposes (the systematisation's list "to be amended,
#: replaced or repealed").
REVISION_TITLES = {
    lists.AMEND: _("legal_revision_amend", default="Amend and supplement"),
    lists.REPLACE: _("legal_revision_replace", default="Replace"),
    lists.REPEAL: _("legal_revision_repeal", default="Repeal"),
}


@provider(IVocabularyFactory)
def RevisionProposalsFactory(context):
    return SimpleVocabulary(
        [SimpleTerm(code, code, REVISION_TITLES[code]) for code in lists.PROPOSALS]
    )


@provider(IVocabularyFactory)
def RelationKindsFactory(context):
    return SimpleVocabulary(
        [SimpleTerm(kind, kind, RELATION_TITLES[kind]) for kind in validity.RELATIONS]
    )


@provider(IVocabularyFactory)
def LegalTypesFactory(context):
    """The types a local issuer issues as normative documents."""
    from dienbien.policy.core.correspondence.doctypes import normative_types

    return SimpleVocabulary(
        [SimpleTerm(t.id, t.id, t.title) for t in normative_types()]
    )


class IRelationRow(Interface):
    kind = schema.Choice(
        title=_("label_relation_kind", default="Relation"),
        vocabulary="dienbien.policy.LegalRelations",
    )
    target = schema.TextLine(
        title=_("label_relation_target", default="Document (number and notation)"),
        description=_("help_relation_target", default="e.g. 12/2024/QĐ-UBND"),
    )
    target_issuer = schema.Choice(
        title=_("label_relation_target_issuer", default="Its issuer"),
        description=_(
            "help_relation_target_issuer",
            default="Only when two issuers have a document with that number.",
        ),
        vocabulary="dienbien.policy.OrgUnits",
        required=False,
    )
    part = schema.TextLine(
        title=_("label_relation_part", default="Part concerned"),
        description=_("help_relation_part", default="Empty: the whole document."),
        required=False,
    )
    on = schema.Date(
        title=_("label_relation_on", default="From"),
        description=_(
            "help_relation_on", default="Empty: from this document's effective date."
        ),
        required=False,
    )
    until = schema.Date(
        title=_("label_relation_until", default="Until (suspension)"),
        required=False,
    )


class ILegalDocumentFolder(model.Schema):
    """The public register of normative documents (``/van-ban-qppl``)."""


@implementer(ILegalDocumentFolder)
class LegalDocumentFolder(Container):
    _ordering = "unordered"


class ILegalDocument(model.Schema):
    notation = schema.TextLine(
        title=_("label_legal_notation", default="Number and notation"),
        description=_("help_legal_notation", default="e.g. 25/2026/QĐ-UBND"),
    )
    doctype = schema.Choice(
        title=_("label_document_type", default="Document type"),
        vocabulary="dienbien.policy.LegalTypes",
    )
    issuer = schema.Choice(
        title=_("label_legal_issuer", default="Issuing body"),
        vocabulary="dienbien.policy.OrgUnits",
    )
    signer = schema.TextLine(title=_("label_legal_signer", default="Signed by"))
    signer_position = schema.TextLine(
        title=_("label_legal_signer_position", default="Position"),
        required=False,
    )
    signed = schema.Date(title=_("label_legal_signed", default="Signed on"))
    in_force_from = schema.Date(
        title=_("label_legal_effective", default="In force from")
    )
    in_force_until = schema.Date(
        title=_("label_legal_end", default="No longer in force from"),
        required=False,
    )
    shortened = schema.Bool(
        title=_("label_legal_shortened", default="Shortened procedure or special case"),
        description=_(
            "help_legal_shortened",
            default="May take effect on signing (Law 64/2025 Art. 53).",
        ),
        required=False,
        default=False,
    )
    fields = schema.List(
        title=_("label_legal_fields", default="Fields"),
        value_type=schema.Choice(vocabulary="dienbien.policy.ProcedureFields"),
        required=False,
        default=[],
    )
    summary = schema.Text(title=_("label_document_summary", default="Summary"))
    text = RichText(title=_("label_legal_text", default="Full text"), required=False)
    file = NamedBlobFile(
        title=_("label_legal_file", default="Signed document (PDF)"), required=False
    )
    directives.widget("relations", DataGridFieldFactory)
    relations = schema.List(
        title=_("label_legal_relations", default="Relations to other documents"),
        value_type=DictRow(schema=IRelationRow),
        required=False,
        default=[],
    )

    # The justice office's review (tư pháp): only reviewers set it; the
    # systematisation lists the documents it marks.
    model.fieldset(
        "review",
        label=_("legal_fieldset_review", default="Review"),
        fields=["revision", "revision_reason"],
    )
    directives.write_permission(
        revision="cmf.ReviewPortalContent",
        revision_reason="cmf.ReviewPortalContent",
    )
    revision = schema.Choice(
        title=_("label_legal_revision", default="To be amended or replaced"),
        description=_(
            "help_legal_revision",
            default="The reviewer's proposal; empty: none. The systematisation "
            "lists the documents marked.",
        ),
        vocabulary="dienbien.policy.LegalRevisions",
        required=False,
    )
    revision_reason = schema.Text(
        title=_("label_legal_revision_reason", default="Reason for the proposal"),
        required=False,
    )


@implementer(ILegalDocument)
class LegalDocument(Item):
    issuer = UnitReference()
    revision = None
    revision_reason = None
    #: The validity timeline last computed (``validity.py``): periods as
    #: ``(first day ISO, first day after ISO or "", status)``.
    timeline = ()

    def Title(self):
        return legal_title(self)

    def Description(self):
        return self.summary or ""


def legal_title(document) -> str:
    """ "Quyết định 25/2026/QĐ-UBND Ban hành quy định …"."""
    parts = [
        type_name(document.doctype),
        document.notation or "",
        document.summary or "",
    ]
    return " ".join(part.strip() for part in parts if part and part.strip())


@implementer(INameFromTitle)
@adapter(ILegalDocument)
class NameFromNotation:
    """``/van-ban-qppl/25-2026-qd-ubnd``: readable, and what people cite."""

    def __init__(self, context):
        self.context = context

    @property
    def title(self):
        return self.context.notation or "van-ban"
