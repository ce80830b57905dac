"""A published legal document is found by the words of its full text and of
its signed PDF — by anyone, through the register and the site's search; a
draft's words only by those who may see the draft."""

from attachment_files import tiny_pdf
from datetime import date
from dienbien.policy.correspondence.fulltext import KEY
from dienbien.policy.legal.fulltext import read_all
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID
from plone.app.textfield.value import RichTextValue
from plone.namedfile.file import NamedBlobFile
from test_legal_documents import add
from test_legal_documents import UNITS_CSV
from zope.annotation.interfaces import IAnnotations

import transaction


def pdf(words):
    return NamedBlobFile(tiny_pdf(words), filename="qd.pdf")


def found(session, q):
    response = session.get("/@legal-documents", params={"q": q})
    assert response.status_code == 200, response.text
    return [item["docNum"] for item in response.json()["items"]]


def test_words_of_the_pdf_and_the_full_text(functional_portal, anonymous, manager):
    from dienbien.policy.orgunits.importer import import_units

    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    import_units(portal, UNITS_CSV, "csv")
    published = add(
        portal,
        "12/2024/QĐ-UBND",
        date(2024, 3, 1),
        date(2024, 3, 15),
        file=pdf("Muc thu phi ve sinh zorbaxeta"),
        text=RichTextValue("<p>Điều 1. Phí vệ sinh <b>môi trường</b> quelvorin</p>"),
    )
    add(
        portal,
        "09/2026/QĐ-UBND",
        date(2026, 8, 3),
        date(2026, 8, 13),
        publish=False,
        file=pdf("Du thao wintrubel"),
    )
    transaction.commit()

    assert found(anonymous, "zorbaxeta") == ["12/2024/QĐ-UBND"]  # in the PDF only
    assert found(anonymous, "quelvorin") == ["12/2024/QĐ-UBND"]  # in the full text
    assert found(anonymous, "moi truong") == ["12/2024/QĐ-UBND"]  # folded
    search = anonymous.get("/@search", params={"SearchableText": "zorbaxeta"})
    assert [item["title"] for item in search.json()["items"]] == [published.Title()]
    # A draft's words: not for anonymous; its editors find it.
    assert (
        anonymous.get("/@search", params={"SearchableText": "wintrubel"}).json()[
            "items_total"
        ]
        == 0
    )
    assert (
        manager.get("/@search", params={"SearchableText": "wintrubel"}).json()[
            "items_total"
        ]
        == 1
    )

    # A site upgraded from before: the words are read by the upgrade step.
    IAnnotations(published).pop(KEY)
    published.reindexObject(idxs=["SearchableText"])
    transaction.commit()
    assert found(anonymous, "zorbaxeta") == []
    with api.env.adopt_roles(["Manager"]):
        assert read_all(portal.portal_setup) == 2
    transaction.commit()
    assert found(anonymous, "zorbaxeta") == ["12/2024/QĐ-UBND"]
