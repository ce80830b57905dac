"""Sample edXML packages for the demo (issue 11 item 8).

A few invented documents that invented external organisations send to the
demo units (``data/demo/exchange.json``), written by our own writer
(``edxml.build``) so that the import can be tried at once. Each is dated
back from an anchor day — the day the demo site was made — so the same
anchor always gives the same bytes (the files written into the instance's
inbox folder and the ones the upload page offers are one and the same).

The attached files are small .docx documents made here: python-docx, with
the core properties and the zip entries' times fixed to the anchor, so they
too are the same every time.
"""

from ..correspondence import doctypes
from . import edxml
from . import mapping
from .package import Attachment
from .package import DocumentMessage
from .package import Organ
from .package import Signer
from .package import TraceHeader
from dataclasses import dataclass
from datetime import date
from datetime import datetime
from datetime import time
from datetime import timedelta

import io
import zipfile


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: When a sample package was sent on its day (local time).
SENT_AT = time(9, 30)


@dataclass(frozen=True)
class SamplePackage:
    name: str  # the file name without ``.xml``
    units: tuple[str, ...]  # our unit codes it is addressed to
    message: DocumentMessage

    @property
    def filename(self) -> str:
        return f"{self.name}.xml"

    def build(self) -> bytes:
        return edxml.build(self.message)


def docx(paragraphs, moment: datetime) -> bytes:
    """A small .docx of ``paragraphs``, byte-identical for the same input."""
    import docx as python_docx

    document = python_docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "dienbien.policy demo"
    properties.created = properties.modified = moment
    properties.revision = 1
    raw = io.BytesIO()
    document.save(raw)
    # python-docx stamps each zip entry with the present time: rewrite them.
    stamp = moment.timetuple()[:6]
    fixed = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as source,
        zipfile.ZipFile(fixed, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, source.read(info.filename))
    return fixed.getvalue()


def _organ(entry: dict) -> Organ:
    return Organ(
        organ_id=entry["organ_id"],
        name=entry["name"],
        address=entry.get("address", ""),
        email=entry.get("email", ""),
        telephone=entry.get("telephone", ""),
    )


def sample_packages(data: dict, units: dict[str, Organ], anchor: date) -> list:
    """The ``SamplePackage``s of ``data`` (exchange.json) for ``units`` (our
    unit code -> its ``Organ``), dated back from ``anchor``. A package
    addressed to no unit of ``units`` (a site without the demo units'
    identifiers) is left out."""
    organisations = {entry["organ_id"]: entry for entry in data["organisations"]}
    found = []
    for spec in data["packages"]:
        addressed = tuple(code for code in spec["to"] if code in units)
        if not addressed:
            continue
        sender = _organ(organisations[spec["sender"]])
        day = anchor - timedelta(days=spec["days_back"])
        sent = datetime.combine(day, SENT_AT)
        due = spec.get("due_in_days")
        signer = spec.get("signer")
        message = DocumentMessage(
            sender=sender,
            recipients=tuple(units[code] for code in addressed),
            number=spec["number"],
            notation=spec["notation"],
            promulgated=day,
            doc_type=mapping.doctype_code(spec["doctype"]),
            type_name=doctypes.document_type(spec["doctype"]).title,
            subject=spec["subject"],
            place=spec.get("place", ""),
            content=spec["subject"],
            signer=Signer(**signer) if signer else None,
            due_date=anchor + timedelta(days=due) if due else None,
            to_places=tuple(units[code].name for code in addressed),
            priority=spec.get("priority", 0),
            promulgation_amount=1,
            trace=(TraceHeader(sender.organ_id, sent),),
            attachments=tuple(
                Attachment(
                    name=file["name"],
                    content_type=DOCX,
                    data=docx(file["paragraphs"], sent),
                )
                for file in spec["files"]
            ),
        )
        found.append(SamplePackage(spec["name"], addressed, message))
    return found


def sample_organisations(data: dict) -> list[Organ]:
    return [_organ(entry) for entry in data["organisations"]]
