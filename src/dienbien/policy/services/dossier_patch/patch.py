"""``PATCH <dossier>``: plone.restapi's update, under the edit rules.

A function that may change nothing of the dossier in its state (officers
and leaders always; the desk once the dossier is closed) gets 403 with the
reason; the field-by-field rules, the reason and the edit trail are the
dossier deserializer's (``dienbien.policy.dossiers.rest``).
"""

from dienbien.policy import _
from dienbien.policy.dossiers import edits
from plone import api
from plone.restapi.services.content.update import ContentPatch
from zope.i18n import translate


class DossierPatch(ContentPatch):
    def reply(self):
        if not (
            api.user.has_permission("Modify portal content", obj=self.context)
            and edits.may_edit(self.context)
        ):
            self.request.response.setStatus(403)
            return {
                "type": "Forbidden",
                "message": translate(
                    _(
                        "Your function may not edit this dossier in its state "
                        "(${state}).",
                        mapping={"state": edits.state(self.context)},
                    ),
                    context=self.request,
                ),
            }
        return super().reply()
