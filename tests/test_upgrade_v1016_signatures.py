"""Upgrade 1016: a 1015 site gets the trust roots' configlet and a verdict
for the PDFs already attached."""

from attachment_files import tiny_pdf
from correspondence_steps import incoming
from dienbien.policy.signatures.store import KEY
from dienbien.policy.upgrades.v1016_signatures import upgrade
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations


def test_upgrade_from_1015(offices_portal):
    portal = offices_portal
    document = incoming(
        portal, file=NamedBlobFile(tiny_pdf("Cong van"), filename="cv.pdf")
    )
    panel = portal.portal_controlpanel
    # As a 1015 site: no configlet, no verdict kept.
    panel.unregisterConfiglet("dienbien-signature-roots")
    IAnnotations(document).pop(KEY, None)

    with api.env.adopt_roles(["Manager"]):
        assert upgrade(portal.portal_setup) == 1

    assert "dienbien-signature-roots" in [a.getId() for a in panel.listActions()]
    assert IAnnotations(document)[KEY]["verdict"] == "unsigned"
