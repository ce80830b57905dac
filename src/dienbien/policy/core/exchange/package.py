"""What an edXML document package says (QCVN 102:2016 ``MessageHeader``).

Plain, frozen data: the exporter fills a ``DocumentMessage`` from an issued
outgoing document, ``edxml.build`` writes it, ``edxml.parse`` reads one back
into the same shape. Dates are ``date``s, times naive Asia/Ho_Chi_Minh
``datetime``s (the house convention), attachment contents ``bytes``.

Codes seen in implementations (reference exchange.md §5, no official list):
``Priority`` 0 thường, 1 khẩn, 2 thượng khẩn, 3 hỏa tốc, 4 hỏa tốc hẹn giờ;
``SteeringType`` 0 not a directive, 1 directive, 2 report on a directive;
``BussinessDocType`` 0 new, 1 recall, 2 update, 3 replace.
"""

from ..correspondence.marks import EDXML_PRIORITY
from .organs import DocumentId
from dataclasses import dataclass
from dataclasses import field
from datetime import date
from datetime import datetime


PRIORITIES = (0, 1, 2, 3, 4)
STEERING_TYPES = (0, 1, 2)
BUSINESS_DOC_TYPES = (0, 1, 2, 3)
NEW, RECALL, UPDATE, REPLACE = BUSINESS_DOC_TYPES

#: The edXML priority back to our urgency (``marks.EDXML_PRIORITY`` is the
#: other way); 4 (hỏa tốc hẹn giờ) is hỏa tốc with a time.
URGENCY_BY_PRIORITY = {code: level for level, code in EDXML_PRIORITY.items()}
URGENCY_BY_PRIORITY[4] = "flash"


@dataclass(frozen=True)
class Organ:
    """``From`` or one ``To``: an organisation as the exchange knows it."""

    organ_id: str
    name: str
    in_charge: str = ""
    address: str = ""
    email: str = ""
    telephone: str = ""
    fax: str = ""
    website: str = ""


@dataclass(frozen=True)
class Signer:
    full_name: str
    position: str = ""
    competence: str = ""


@dataclass(frozen=True)
class ResponseFor:
    """The document this one answers."""

    organ_id: str
    code: str  # "Number/Notation"
    promulgated: date
    document_id: str


@dataclass(frozen=True)
class TraceHeader:
    organ_id: str
    timestamp: datetime


@dataclass(frozen=True)
class Attachment:
    name: str
    content_type: str
    data: bytes
    description: str = ""
    content_id: str = ""


@dataclass(frozen=True)
class DocumentMessage:
    """One document package: the header's metadata and the files."""

    sender: Organ
    recipients: tuple[Organ, ...]
    number: str
    notation: str
    promulgated: date
    type_name: str
    subject: str
    doc_type: str = ""
    place: str = ""
    content: str = ""
    signer: Signer | None = None
    due_date: date | None = None
    to_places: tuple[str, ...] = ()
    priority: int = 0
    sphere: str = ""
    typer_notation: str = ""
    promulgation_amount: int | None = None
    page_amount: int | None = None
    appendixes: tuple[str, ...] = ()
    steering_type: int = 0
    response_for: tuple[ResponseFor, ...] = ()
    business_doc_type: int = 0
    #: ``Bussiness/BussinessDocReason``: why an update or a replacement.
    business_reason: str = ""
    #: ``Bussiness/ReplacementInfoList``: the ``DocumentId``s a replacement
    #: (``REPLACE``) takes the place of.
    replaces: tuple[str, ...] = ()
    trace: tuple[TraceHeader, ...] = ()
    attachments: tuple[Attachment, ...] = field(default=(), repr=False)
    #: As written in the package; computed from the header when empty.
    document_id: str = ""

    @property
    def code(self) -> str:
        return f"{self.number}/{self.notation}"

    @property
    def identifier(self) -> DocumentId:
        return DocumentId(
            self.sender.organ_id, self.promulgated, self.number, self.notation
        )

    @property
    def effective_document_id(self) -> str:
        return self.document_id or str(self.identifier)
