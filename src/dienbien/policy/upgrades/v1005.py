"""1004 → 1005: least privilege for dossiers, settings as rows.

- The Site Administrator (a role often given to web editors) no longer sees
  dossiers nor receives them: the dossier and staff-section workflows and the
  role map are re-imported (``upgradeDepends`` in ``configure.zcml``), and
  the dossiers' role mappings and ``allowedRolesAndUsers`` are recomputed
  here, since a workflow import leaves existing objects as they were.
- The calendar overrides and the fields of procedures become rows
  (``DictRow``) instead of pipe-separated lines; the stored values are
  converted here.
"""

from dienbien.policy.controlpanel.settings import IDienbienSettings
from dienbien.policy.controlpanel.settings import PREFIX
from dienbien.policy.core.calendar import override_line_to_row
from dienbien.policy.core.calendar import override_row
from dienbien.policy.core.calendar import parse_override_rows
from dienbien.policy.core.procedures import field_line_to_row
from dienbien.policy.core.procedures import parse_field_rows
from plone import api
from plone.registry.field import TextLine
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import logging
import transaction


logger = logging.getLogger("dienbien.policy.upgrades")

SECURED_TYPES = ("Dossier", "DossierFolder")


def update_dossier_security(setup_tool=None, batch_size: int = 1000) -> int:
    """Apply the workflows' current permission maps to every dossier and the
    dossier folder, and reindex who may see them; return how many."""
    workflow_tool = api.portal.get_tool("portal_workflow")
    catalog = api.portal.get_tool("portal_catalog")
    brains = catalog.unrestrictedSearchResults(portal_type=SECURED_TYPES)
    total = len(brains)
    for done, brain in enumerate(brains, start=1):
        obj = brain._unrestrictedGetObject()
        for workflow in workflow_tool.getWorkflowsFor(obj):
            workflow.updateRoleMappingsFor(obj)
        catalog.catalog_object(
            obj, brain.getPath(), idxs=["allowedRolesAndUsers"], update_metadata=False
        )
        if done % batch_size == 0:
            transaction.savepoint(optimistic=True)
            logger.info("dossier security: %d of %d", done, total)
    logger.info("dossier security: %d objects", total)
    return total


ROW_SETTINGS = {
    "calendar_overrides": override_line_to_row,
    "procedure_fields": field_line_to_row,
}


def settings_as_rows(setup_tool=None) -> dict[str, int]:
    """Convert the stored text lines of the calendar overrides and the
    procedure fields into rows, keeping every value; return how many rows
    each setting holds. Lines that were already refused by the old setting
    cannot be stored and are reported in the log by number (the settings
    hold no personal data)."""
    registry = getUtility(IRegistry)
    old = {}
    for name in ROW_SETTINGS:
        record = registry.records.get(f"{PREFIX}.{name}")
        if record is not None and isinstance(record.field.value_type, TextLine):
            old[name] = list(record.value or ())
    # The records take the new field (rows); values a row field refuses
    # are replaced by its default, so they are set again below.
    registry.registerInterface(IDienbienSettings, prefix=PREFIX)
    counts = {}
    for name, to_row in ROW_SETTINGS.items():
        if name not in old:
            counts[name] = len(registry[f"{PREFIX}.{name}"] or ())
            continue
        rows = [to_row(line) for line in old[name]]
        reader = parse_override_rows if name == "calendar_overrides" else None
        kept = _valid_rows(name, rows, reader)
        registry[f"{PREFIX}.{name}"] = kept
        counts[name] = len(kept)
    return counts


def _valid_rows(name: str, rows: list[dict], reader) -> list[dict]:
    if reader is None:
        fields, problems = parse_field_rows(rows)
        kept = [{"id": token, "name": title} for token, title in fields.items()]
    else:
        overrides, problems = reader(rows)
        kept = [override_row(override) for override in overrides]
    for problem in problems:
        logger.warning(
            "%s: line %s could not be converted, dropped", name, problem.line
        )
    return kept
