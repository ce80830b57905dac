"""``POST /van-ban``: create an outgoing or incoming document.

plone.restapi's creation with our checks (``services/content_add``, and the
documents' deserializer in ``correspondence/rest.py``: a 400 naming each
field, nothing stored). An incoming document created by someone who may
register it (the clerical office) is registered in the same request and
transaction: the answer carries its incoming number. A document created
otherwise (internal sending) waits in ``received`` for the recipient's clerk.
"""

from dienbien.policy import _
from dienbien.policy.correspondence.documents import IIncomingDocument
from dienbien.policy.services.content_add.post import CheckedFolderPost
from dienbien.policy.services.errors import json_object
from plone import api
from plone.restapi.interfaces import ISerializeToJson
from zope.component import queryMultiAdapter
from zope.i18n import translate


class DocumentFolderPost(CheckedFolderPost):
    def reply(self):
        type_ = json_object(self.request).get("@type")
        held = set(self.context.getTypeInfo().allowed_content_types or ())
        if (
            isinstance(type_, str)
            and type_ in held
            and type_ not in self.allowed_types()
        ):
            # A type of the folder the user's function does not create (an
            # officer registering an incoming document): forbidden, not bad.
            self.request.response.setStatus(403)
            return {
                "type": "Forbidden",
                "message": translate(
                    _("This folder does not hold that type for your function."),
                    context=self.request,
                ),
            }
        result = super().reply()
        if self.request.response.getStatus() != 201:
            return result
        document = self.context.get(result["@id"].rsplit("/", 1)[-1])
        if not IIncomingDocument.providedBy(document) or not self.may_register(
            document
        ):
            return result
        api.content.transition(obj=document, transition="register")
        serializer = queryMultiAdapter((document, self.request), ISerializeToJson)
        result = serializer()
        result["@id"] = document.absolute_url()
        return result

    def may_register(self, document) -> bool:
        workflow = api.portal.get_tool("portal_workflow")
        return "register" in {
            action["id"] for action in workflow.listActionInfos(object=document)
        }
