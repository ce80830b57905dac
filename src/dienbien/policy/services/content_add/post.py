"""``POST <folder>``: plone.restapi's content creation, with a body whose
``@type``, ``id`` or ``title`` is not a text answered in the error envelope
(plone.restapi reads them as text and fails with a 500 before any
deserializer of ours runs), and so is a type the folder does not hold."""

from dienbien.policy import _
from dienbien.policy.services.errors import InvalidInput
from dienbien.policy.services.errors import json_object
from plone.restapi.services.content.add import FolderPost


class CheckedFolderPost(FolderPost):
    def reply(self):
        data = json_object(self.request)
        problems = [
            (name, _("${name} must be a text.", mapping={"name": name}))
            for name in ("@type", "id", "title")
            if data.get(name) is not None and not isinstance(data[name], str)
        ]
        type_ = data.get("@type")
        if isinstance(type_, str) and type_ not in self.allowed_types():
            # plone.restapi answers 403 in a shape of its own for this.
            problems.append(("@type", _("This folder does not hold that type.")))
        if problems:
            raise InvalidInput(problems)
        return super().reply()

    def allowed_types(self) -> set:
        return {fti.getId() for fti in self.context.allowedContentTypes()}
