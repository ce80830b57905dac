"""The exchange demo and its small gaps (issue 11 item 8): the address book
filled with sample organisations, their sample packages offered on
@@edxml-upload and written to an inbox folder, one click files one; the
received package kept for the unit's clerks; REST of an incoming document
with its further files and package; REST of a legal document with its
signatures' verdict. Integration (no server): the HTTP paths are
tests/test_exchange_http.py's."""

from datetime import date
from datetime import datetime
from plone import api
from plone.namedfile.file import NamedBlobFile
from plone.protect.authenticator import createToken
from plone.restapi.interfaces import ISerializeToJson
from zope.component import getMultiAdapter

import pytest


TODAY = datetime(2026, 11, 30, 8, 0)


@pytest.fixture
def demo(offices_portal):
    from dienbien.policy.exchange import demo

    portal = offices_portal
    with api.env.adopt_roles(["Manager"]):
        demo.load_organ_ids(portal)
        assert demo.load_samples(portal, today=TODAY) == 5
    return portal


def upload(portal, request, form=None):
    """``@@edxml-upload`` as the current user: GET, or POST of ``form``."""
    from dienbien.policy.exchange.upload import UploadPage

    request.form.clear()
    request.response.setStatus(200)
    request.method = "POST" if form is not None else "GET"
    if form is not None:
        request.form.update(form, _authenticator=createToken())
    view = UploadPage(portal, request)
    view.index = lambda: ""
    view()
    return view


def test_sample_organisations_and_packages(demo, tmp_path):
    from dienbien.policy.exchange import demo as loader

    book = demo["so-dia-chi"]
    entries = sorted(book.objectValues(), key=lambda entry: entry.organ_id)
    assert [(e.organ_id, e.title) for e in entries][:2] == [
        ("000.00.00.G09", "Bộ Nội vụ"),
        ("000.00.02.H15", "Sở Nội vụ tỉnh Điện Biên"),
    ]
    assert book.description.startswith("Dữ liệu mẫu")
    # Loading again adds nothing and keeps the day the packages are dated from.
    with api.env.adopt_roles(["Manager"]):
        assert loader.load_samples(demo, today=datetime(2027, 5, 1)) == 0
    packages = loader.sample_packages(demo)
    assert [p.message.promulgated for p in packages] == [
        date(2026, 11, 29),
        date(2026, 11, 28),
        date(2026, 11, 29),
        date(2026, 11, 27),
    ]
    written = loader.write_inbox(demo, tmp_path / "inbox")
    assert [path.name for path in written] == [p.filename for p in packages]
    assert [path.read_bytes() for path in written] == [p.build() for p in packages]
    # The folder is the site's exchange inbox now: the receive step sees them.
    from dienbien.policy.exchange.transport import site_transport

    assert site_transport().received() == [p.filename for p in packages]


def test_a_clerk_receives_a_sample_in_one_click(demo, integration):
    from dienbien.policy.exchange.views import exchange_package
    from dienbien.policy.exchange.views import ExchangePackage
    from zExceptions import Forbidden

    request = integration["request"]
    with api.env.adopt_user(username="vanthu_xa"):
        # The commune's clerk is offered what is addressed to the commune.
        view = upload(demo, request)
        rows = view.samples()
        assert [(r["name"], r["to"]) for r in rows] == [
            ("03-so-khcn-giay-moi", "UBND xã Thanh Xương"),
            ("04-ubnd-muong-cha-cong-van", "UBND xã Thanh Xương"),
        ]
        assert rows[1]["date"] == "27/11/2026"
        assert view.download("04-ubnd-muong-cha-cong-van") == (
            view.sample_named("04-ubnd-muong-cha-cong-van").build()
        )

        view = upload(demo, request, {"sample": "04-ubnd-muong-cha-cong-van"})
        assert view.outcome["ok"], view.outcome
        [filed] = view.outcome["documents"]
        document = demo["van-ban"][filed["url"].rsplit("/", 1)[1]]
        assert (document.unit, api.content.get_state(document)) == (
            "H15.50.05.01",
            "received",
        )
        assert (document.sender_name, document.sender_notation) == (
            "UBND huyện Mường Chà",
            "412/UBND-TNMT",
        )
        # The package itself is kept, as it came.
        package = view.sample_named("04-ubnd-muong-cha-cong-van").build()
        assert document.exchange_package.data == package
        assert document.exchange_package.filename == "edxml-412-UBND-TNMT.xml"
        assert exchange_package(document)["name"] == "edxml-412-UBND-TNMT.xml"
        # Filed: the page says so, and a second click is refused naming it.
        row = upload(demo, request).samples()[1]
        assert row["all_received"] and row["received"][0]["title"] == filed["title"]
        view = upload(demo, request, {"sample": "04-ubnd-muong-cha-cong-van"})
        assert view.outcome["element"] == "edXML:MessageHeader/edXML:DocumentId"
        assert request.response.getStatus() == 400

    # The district's officer is no clerk: no package for them.
    with api.env.adopt_user(username="chuyenvien"):
        assert exchange_package(document) is None
        with pytest.raises(Forbidden):
            ExchangePackage(document, request)()


def test_rest_of_an_arrived_document_has_its_files_and_package(demo, integration):
    request = integration["request"]
    with api.env.adopt_user(username="vanthu"):
        view = upload(demo, request, {"sample": "02-so-khcn-quyet-dinh"})
        [filed] = view.outcome["documents"]
        document = demo["van-ban"][filed["url"].rsplit("/", 1)[1]]
        data = getMultiAdapter((document, request), ISerializeToJson)()
    url = document.absolute_url()
    assert data["file"]["filename"] == "387-QD-SKHCN.docx"
    assert data["exchange_document_id"] == "000.00.09.H15,2026/11/28,387/QĐ-SKHCN"
    [other] = data["exchange_attachments"]
    assert other["filename"] == "387-QD-SKHCN-phu-luc.docx"
    assert other["download"] == f"{url}/@@exchange-file?n=1"
    assert other["size"] == len(document.exchange_attachments[0].data)
    assert data["exchange_package"]["download"] == f"{url}/@@exchange-package"
    assert data["exchange_package"]["content-type"] == "application/xml"


def test_rest_of_a_legal_document_has_its_signatures(offices_portal, integration):
    from attachment_files import tiny_pdf

    document = api.content.create(
        container=offices_portal["van-ban-qppl"],
        type="LegalDocument",
        id="12-2026-qd-ubnd",
        notation="12/2026/QĐ-UBND",
        doctype="decision",
        issuer="H15.50",
        signer="Trần Văn Dũng",
        signer_position="Chủ tịch",
        signed=date(2026, 3, 1),
        in_force_from=date(2026, 3, 11),
        summary="Quy định mẫu",
        relations=[],
        file=NamedBlobFile(tiny_pdf("Quy dinh"), filename="12.pdf"),
    )
    data = getMultiAdapter((document, integration["request"]), ISerializeToJson)()
    assert data["signatures"]["verdict"] == "unsigned"
    assert data["signatures"]["signatures"] == []
