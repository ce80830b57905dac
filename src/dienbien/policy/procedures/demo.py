"""Demo data: about thirty sample procedures of the Điện Biên district and
its communes, with their form files.

``data/demo/procedures.json`` (labelled as sample data: codes, times and fees
are illustrative) goes through the importer like any catalogue file, so the
demo exercises the same checks and is safe to load again. Form files come
from ``data/demo/forms/`` (made by ``scripts/make_demo_forms.py``).
"""

from dienbien.policy.procedures.files.reading import read_workbook
from dienbien.policy.procedures.importer import import_procedures
from dienbien.policy.procedures.importer import ImportReport

import pathlib


DATA = pathlib.Path(__file__).parent.parent / "data" / "demo"
CATALOGUE = DATA / "procedures.json"
FORMS = DATA / "forms"


def demo_forms(data: bytes) -> dict:
    """``{(code, form): bytes}`` for every form file a demo component names."""
    items, _problems = read_workbook(data, "json")
    forms = {}
    for procedure, _state in items:
        for component in procedure.components:
            path = FORMS / component.form if component.form else None
            if path and path.is_file():
                forms[(procedure.code, component.form)] = path.read_bytes()
    return forms


def load_procedures(portal, progress=None) -> ImportReport:
    data = CATALOGUE.read_bytes()
    return import_procedures(
        portal, data, "json", progress=progress, forms=demo_forms(data)
    )
