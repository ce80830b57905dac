from datetime import datetime
from outgoing_site import setup_site
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue

import html
import re


def test_render(integration):
    portal = integration["portal"]
    request = integration["request"]
    setup_site(portal)
    setRoles(portal, TEST_USER_ID, ["Manager"])
    doc = api.content.create(container=portal, type="Document", id="d", title="x")
    for k, v in dict(
        unit="H15.50",
        doctype="dispatch",
        normative=False,
        department="VP",
        summary="báo cáo quý I",
        body=RichTextValue("<p>Nội dung.</p>", "text/html", "text/x-html-safe"),
        file=None,
        internal_recipients=["H15.50.21"],
        external_recipients=["Sở Nội vụ"],
        urgency="flash",
        confidentiality="confidential",
        signer="ld_huyen",
        copies=2,
        file_keeper="",
        drafter="cv_huyen",
        notation="05/UBND-VP",
        number=5,
        issued=datetime(2026, 3, 5, 9, 0),
        sent=None,
        return_reason="",
        recall_reason="",
    ).items():
        setattr(doc, k, v)
    from dienbien.policy.correspondence.browser.outgoing import OutgoingView
    from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile

    class V(OutgoingView):
        def state(self):
            return {"id": "issued", "title": "Đã ban hành"}

        index = ViewPageTemplateFile(
            "../src/dienbien/policy/correspondence/browser/templates/outgoing.pt"
        )

    view = V(doc, request)
    out = view()
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", out, flags=re.S)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())
    i = text.find("Trạng thái")
    print(text[i : i + 1500])
    step_tpl = ViewPageTemplateFile(
        "../src/dienbien/policy/correspondence/browser/templates/outgoing_step.pt"
    )
