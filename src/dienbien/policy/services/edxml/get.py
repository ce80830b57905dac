"""``GET <outgoing document>/@edxml``: the document's edXML package
(QCVN 102:2016), for its unit's clerical office. 400 naming the field when
the document cannot travel (not issued, secret, no identifier on the unit,
no organisation from the address book among the recipients); 403 for
anybody but the unit's clerks. See docs/exchange.md."""

from dienbien.policy.core.exchange import edxml
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.exchange.corrections import with_correction
from dienbien.policy.exchange.export import export_problems
from dienbien.policy.exchange.export import message_for
from dienbien.policy.services.errors import bad_request
from plone import api
from plone.restapi.services import Service

import json
import re


def is_clerk_of(unit: str) -> bool:
    user = api.user.get_current()
    if "Manager" in api.user.get_roles(user=user):
        return True
    return group_id(unit, "clerical") in {
        group.getId() for group in api.group.get_groups(user=user)
    }


def file_name(document) -> str:
    """``edxml-05-QD-UBND.xml``: the notation in ASCII, for the download."""
    from unidecode import unidecode

    notation = unidecode(document.notation or "").replace("/", "-")
    return "edxml-" + re.sub(r"[^A-Za-z0-9-]+", "", notation) + ".xml"


class EdxmlGet(Service):
    def render(self):
        self.check_permission()
        content = self.reply()
        if isinstance(content, bytes):
            return content
        self.request.response.setHeader("Content-Type", "application/json")
        return json.dumps(content, indent=2, sort_keys=True)

    def reply(self):
        document = self.context
        if not is_clerk_of(document.unit):
            self.request.response.setStatus(403)
            return {
                "type": "Forbidden",
                "message": "Only the issuing unit's clerical office exports its "
                "documents.",
            }
        problems = export_problems(document)
        if problems:
            return bad_request(self.request, problems)
        # A replacement travels as one (type 3 naming what it replaces).
        package = edxml.build(with_correction(document, message_for(document)))
        response = self.request.response
        response.setHeader("Content-Type", "application/xml; charset=utf-8")
        response.setHeader(
            "Content-Disposition", f'attachment; filename="{file_name(document)}"'
        )
        return package
