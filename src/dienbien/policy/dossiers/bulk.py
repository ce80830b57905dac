"""Bulk loading of dossiers (migrations from an earlier one-stop system,
benchmarks): objects are built and stored without firing events, and
indexed in batches, each batch in its own transaction.

Each record is already complete (code, times, state, log); nothing is
computed here, so the loader is as fast as storing and indexing allow.
"""

from datetime import datetime
from dienbien.policy.bulkcache import cache_at_least
from dienbien.policy.core.dossiers import CODE_PATTERN
from dienbien.policy.core.dossiers import dossier_id
from dienbien.policy.dossiers import log
from dienbien.policy.dossiers.dossier import Dossier
from dienbien.policy.dossiers.sequence import at_least
from dienbien.policy.orgunits.references import point_to
from dienbien.policy.orgunits.references import uids_by_code
from persistent.list import PersistentList
from plone import api
from plone.uuid.interfaces import ATTRIBUTE_NAME
from zope.annotation.interfaces import IAnnotations

import transaction
import uuid


#: Unit references: the records name units by code; the dossier stores UIDs.
UNIT_FIELDS = ("receiving_unit", "handling_unit")


def _make(record: dict, uids: dict[str, str]) -> Dossier:
    dossier = Dossier(id=dossier_id(record["code"]))
    dossier.portal_type = "Dossier"
    for name, value in record.items():
        if name in UNIT_FIELDS:
            # One look-up per load, not per dossier.
            point_to(dossier, name, uids.get(value), value)
        elif name not in ("state", "log"):
            setattr(dossier, name, value)
    dossier.title = f"{record['code']} – {record.get('procedure_title', '')}"
    # What the creation event would have given it.
    setattr(dossier, ATTRIBUTE_NAME, uuid.uuid4().hex)
    return dossier


def bulk_load(
    folder,
    records,
    batch_size: int = 1000,
    progress=None,
    commit: bool = True,
    cache_size: int = 300_000,
) -> int:
    """Store dossiers from ``records`` (dicts of Dossier attributes plus
    ``state`` and ``log``); return how many were loaded. With ``commit``
    each batch is its own transaction; without, the caller's transaction
    holds them all (small loads, such as the demo).

    While a committing load runs, the database's object caches hold at
    least ``cache_size`` objects: every batch touches catalog buckets all over the indexes, and
    reading them back from the storage after each commit costs more than
    the memory (a few hundred MB for 100,000 dossiers).
    """
    with cache_at_least(folder, cache_size, commit):
        return _load(folder, records, batch_size, progress, commit)


def _load(folder, records, batch_size, progress, commit) -> int:
    catalog = api.portal.get_tool("portal_catalog")
    workflow = api.portal.get_tool("portal_workflow")
    definition = workflow["dienbien_dossier_workflow"]
    loaded = 0
    pending = []
    mappings = {}
    uids = uids_by_code()
    for record in records:
        dossier = _make(record, uids)
        folder._setObject(dossier.getId(), dossier, suppress_events=True)
        dossier = folder._getOb(dossier.getId())
        workflow.setStatusOf(
            "dienbien_dossier_workflow",
            dossier,
            {
                "review_state": record["state"],
                "action": None,
                "actor": "bulk-load",
                "comments": "",
                "time": None,
            },
        )
        _map_roles(definition, dossier, record["state"], mappings)
        parts = CODE_PATTERN.match(record["code"])
        if parts:
            at_least(
                folder,
                parts["unit"],
                datetime.strptime(parts["day"], "%y%m%d").date(),
                int(parts["seq"]),
            )
        entries = PersistentList(record.get("log", ()))
        IAnnotations(dossier)[log.KEY] = entries
        pending.append(dossier)
        loaded += 1
        if len(pending) >= batch_size:
            _index(catalog, pending)
            pending = []
            if commit:
                transaction.commit()
            if progress:
                progress(loaded)
    if pending:
        _index(catalog, pending)
        if commit:
            transaction.commit()
        if progress:
            progress(loaded)
    return loaded


def _map_roles(definition, dossier, state, mappings):
    """The workflow's permission settings for ``state``: worked out for the
    first dossier in each state, copied to the others (a fresh dossier has
    no settings of its own, so they depend on the state alone)."""
    mapping = mappings.get(state)
    if mapping is None:
        definition.updateRoleMappingsFor(dossier)
        mappings[state] = {
            name: value
            for name, value in vars(dossier).items()
            if name.startswith("_") and name.endswith("_Permission")
        }
        return
    for name, value in mapping.items():
        # A list means "also acquire": each dossier gets its own copy.
        setattr(dossier, name, list(value) if isinstance(value, list) else value)


def _index(catalog, dossiers):
    for dossier in dossiers:
        catalog.catalog_object(dossier, "/".join(dossier.getPhysicalPath()))
