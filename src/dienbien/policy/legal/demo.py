"""Demo normative documents: ~30 sample resolutions and decisions of the
district, its People's Council, the province and the communes, with
relations that exercise every status (docs/legal.md, "Demo documents").

Kept as rows in ``data/demo/legal.json`` (readable, diffable) and loaded the
way an editor would: written into the import's workbook and run through the
importer, published. Sample data: each document's text says so.
"""

from dienbien.policy.core.legal.sheets import DOCUMENTS
from dienbien.policy.core.legal.sheets import RELATIONS
from dienbien.policy.core.legal.sheets import write_workbook
from dienbien.policy.legal.document import LEGAL_PATH
from dienbien.policy.legal.importer import import_legal_documents
from plone.app.textfield.value import RichTextValue

import json
import pathlib


DATA = pathlib.Path(__file__).parent.parent / "data" / "demo" / "legal.json"


def demo_workbook() -> tuple[bytes, str]:
    data = json.loads(DATA.read_text("utf-8"))
    sheets = {DOCUMENTS: data["documents"], RELATIONS: data["relations"]}
    return write_workbook(sheets), data["note"]


def load_legal_documents(portal) -> int:
    """Import the demo documents into an empty register; return how many
    (0 when the register holds documents already)."""
    folder = portal.get(LEGAL_PATH)
    if folder is None or len(folder.objectIds()):
        return 0
    workbook, note = demo_workbook()
    report = import_legal_documents(portal, workbook, publish=True)
    text = RichTextValue(f"<p><em>{note}</em></p>", "text/html", "text/x-html-safe")
    for document in folder.objectValues():
        document.text = text
    return len(report.created)
