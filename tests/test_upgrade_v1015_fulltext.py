"""Upgrade 1015: a 1014 site gets the ``document_text`` index, and the text
of its documents' files is read (not a secret document's)."""

from attachment_files import tiny_pdf
from correspondence_steps import acting_as
from correspondence_steps import incoming
from dienbien.policy.correspondence.fulltext import KEY
from dienbien.policy.upgrades.v1015_fulltext import add_text_index
from plone import api
from plone.namedfile.file import NamedBlobFile
from zope.annotation.interfaces import IAnnotations


def test_upgrade_from_1014(offices_portal):
    portal = offices_portal
    documents = [
        incoming(
            portal,
            file=NamedBlobFile(tiny_pdf(f"Phu luc {word}"), filename="pl.pdf"),
            **fields,
        )
        for word, fields in [
            ("zyxcorn", {}),
            ("qwmbat", {}),
            ("kvtrop", {"confidentiality": "secret", "readers": ["lanhdao"]}),
        ]
    ]
    catalog = portal.portal_catalog
    # As a 1014 site: no index, no text kept.
    catalog.delIndex("document_text")
    for document in documents:
        IAnnotations(document).pop(KEY, None)

    with api.env.adopt_roles(["Manager"]):
        assert add_text_index(portal.portal_setup, batch_size=2) == 3

    index = catalog._catalog.getIndex("document_text")
    assert index.meta_type == "ZCTextIndex"
    assert index.getLexicon().getId() == "plone_lexicon"
    with acting_as("lanhdao"):
        assert [b.getId for b in api.content.find(document_text="zyxcorn")] == [
            documents[0].getId()
        ]
        assert len(api.content.find(document_text="kvtrop")) == 0
    assert KEY not in IAnnotations(documents[2])


def test_upgrade_lists_documents_assigned_to_a_unit(offices_portal):
    """Assigned to the TNMT office before 1015: the index knew no one."""
    from correspondence_steps import assign
    from dienbien.policy.upgrades.v1014_sending import add_waiting_index

    document = incoming(offices_portal, summary="Giao phòng")
    with acting_as("lanhdao"):
        document.handling_unit = "H15.50.05"
    assign(document, "lanhdao", None)
    catalog = offices_portal.portal_catalog
    catalog.catalog_object(document, idxs=["document_waiting"])  # as 1014 did
    index = catalog._catalog.getIndex("document_waiting")
    index.unindex_object(catalog.getrid("/".join(document.getPhysicalPath())))

    with api.env.adopt_roles(["Manager"]):
        add_waiting_index(offices_portal.portal_setup)

    found = catalog.unrestrictedSearchResults(document_waiting="unit:H15.50.05")
    assert [brain.getId for brain in found] == [document.getId()]
