"""The demo's sample edXML packages (issue 11 item 8): written by our own
writer, read back by our own reader, the same bytes for the same day."""

from datetime import date
from dienbien.policy.core.exchange import edxml
from dienbien.policy.core.exchange import samples
from dienbien.policy.core.exchange.organs import ORGAN_ID
from dienbien.policy.core.exchange.package import Organ

import io
import json
import pathlib
import zipfile


DATA_FILE = (
    pathlib.Path(samples.__file__).parents[2] / "data" / "demo" / "exchange.json"
)
DATA = json.loads(DATA_FILE.read_text("utf-8"))
UNITS = {
    "H15.50": Organ("000.00.50.H15", "UBND huyện Điện Biên"),
    "H15.50.05.01": Organ("001.00.50.H15", "UBND xã Thanh Xương"),
}


def test_sample_organisations_have_qcvn_identifiers():
    organs = samples.sample_organisations(DATA)
    assert len(organs) == 5
    for organ in organs:
        assert len(organ.organ_id) == 13 and ORGAN_ID.match(organ.organ_id)
        assert organ.email.endswith(".example.invalid")
    # None is one of the demo units' sample identifiers.
    assert not {o.organ_id for o in organs} & set(DATA["organ_ids"].values())


def test_packages_read_back_and_are_the_same_every_time():
    packages = samples.sample_packages(DATA, UNITS, date(2026, 11, 30))
    assert [p.name for p in packages] == [
        "01-so-noi-vu-cong-van",
        "02-so-khcn-quyet-dinh",
        "03-so-khcn-giay-moi",
        "04-ubnd-muong-cha-cong-van",
    ]
    built = [p.build() for p in packages]
    again = [
        p.build() for p in samples.sample_packages(DATA, UNITS, date(2026, 11, 30))
    ]
    assert built == again

    read = [edxml.parse(data) for data in built]
    assert [m.effective_document_id for m in read] == [
        "000.00.02.H15,2026/11/29,1254/SNV-VP",
        "000.00.09.H15,2026/11/28,387/QĐ-SKHCN",
        "000.00.09.H15,2026/11/29,95/GM-SKHCN",
        "000.00.52.H15,2026/11/27,412/UBND-TNMT",
    ]
    assert [m.type_name for m in read] == [
        "Công văn",
        "Quyết định",
        "Giấy mời",
        "Công văn",
    ]
    assert read[0].due_date == date(2026, 12, 10)
    assert [r.organ_id for r in read[2].recipients] == [
        "000.00.50.H15",
        "001.00.50.H15",
    ]
    assert [a.name for a in read[1].attachments] == [
        "387-QD-SKHCN.docx",
        "387-QD-SKHCN-phu-luc.docx",
    ]
    with zipfile.ZipFile(io.BytesIO(read[3].attachments[0].data)) as z:
        assert "rừng giáp ranh" in z.read("word/document.xml").decode("utf-8")


def test_another_day_other_dates_and_only_units_present():
    packages = samples.sample_packages(
        DATA, {"H15.50": UNITS["H15.50"]}, date(2027, 1, 5)
    )
    # The commune's only package is left out; the invitation goes to one unit.
    assert [p.units for p in packages] == [("H15.50",)] * 3
    assert edxml.parse(packages[0].build()).promulgated == date(2027, 1, 4)


def test_no_sample_can_be_a_demo_document():
    """The duplicate rule compares (number, notation, sender) without the
    year: a sample must never meet a demo document, whatever the day."""
    from dienbien.policy.core.correspondence import doctypes

    texts = json.loads((DATA_FILE.parent / "correspondence.json").read_text("utf-8"))
    made = set()
    for sender in texts["senders"]:
        for department in sender["departments"]:
            made.add((sender["name"], f"{sender['abbreviation']}-{department}"))
        for kind in doctypes.load_document_types():
            made.add((sender["name"], f"{kind.abbreviation}-{sender['abbreviation']}"))
    names = {o.organ_id: o.name for o in samples.sample_organisations(DATA)}
    for spec in DATA["packages"]:
        assert (names[spec["sender"]], spec["notation"]) not in made
