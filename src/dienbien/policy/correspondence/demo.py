"""Demo correspondence: a year of documents for the district, its agencies
and the commune of Thanh Xương, generated reproducibly
(``core.correspondence.samples``, seed ``SEED``) and stored by the bulk
loader, so that every demo clerk, officer and leader opens full registers
and a non-empty "my work". Sample documents, sample text.

The year ends at the site clock's "now" when the demo site is created (the
same clock gives the same demo): the working lists' documents are dated in
the last working days before it, urgent, due-soon and overdue ones among
them. Secret documents name the secret-cleared demo users only
(``vanthu.mat.huyen``, ``lanhdao.mat.huyen``).
"""

from dienbien.policy import clock
from dienbien.policy.core.correspondence.samples import demo_units
from dienbien.policy.core.correspondence.samples import generate
from dienbien.policy.correspondence.bulk import bulk_load
from dienbien.policy.workingtime import site_calendar

import json
import pathlib


DATA = pathlib.Path(__file__).parent.parent / "data" / "demo"
SEED = 2026
FOLDER = "van-ban"


def demo_records(today):
    orgunits = json.loads((DATA / "orgunits.json").read_text("utf-8"))["units"]
    users = json.loads((DATA / "users.json").read_text("utf-8"))["users"]
    units = demo_units(orgunits, users)
    return generate(units, today, site_calendar(), seed=SEED)


def load_documents(portal, today=None) -> int:
    """Load the demo's documents into an empty document folder; return how
    many (0 when the folder holds documents already)."""
    folder = portal.get(FOLDER)
    if folder is None or len(folder.objectIds()):
        return 0
    return bulk_load(folder, demo_records(today or clock.now()), commit=False)
