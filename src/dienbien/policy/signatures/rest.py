"""A normative legal document over REST with its signatures' verdict, as
the official correspondence documents have it (``correspondence/rest.py``):
plone.restapi's serialization plus ``signatures``, kept when the file was
attached (``store.py``), ``null`` without a PDF."""

from dienbien.policy.interfaces import IDienbienPolicyLayer
from dienbien.policy.legal.document import ILegalDocument
from dienbien.policy.signatures.display import signature_facts
from plone.restapi.interfaces import ISerializeToJson
from plone.restapi.serializer.dxcontent import SerializeToJson
from zope.component import adapter
from zope.interface import implementer


@implementer(ISerializeToJson)
@adapter(ILegalDocument, IDienbienPolicyLayer)
class LegalDocumentSerializer(SerializeToJson):
    def __call__(self, *args, **kwargs):
        result = super().__call__(*args, **kwargs)
        result["signatures"] = signature_facts(self.context, self.request)
        return result
