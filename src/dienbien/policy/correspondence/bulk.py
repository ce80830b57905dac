"""Bulk loading of official documents (the demo, the benchmark, migrations
from an earlier document system): objects are built and stored without
firing events, and indexed in batches, each batch in its own transaction.

Each record is complete (``core.correspondence.samples`` makes them: fields,
state, workflow history, the series its number came from); nothing is
computed here but what the creation events would have given: the UID, the
title, the dates. The number counters are raised to the highest number
loaded in each series (``sequence.at_least``), so that the next document
issued or registered continues the series without a gap or a duplicate.
"""

from DateTime import DateTime
from dienbien.policy.bulkcache import cache_at_least
from dienbien.policy.bulkcache import fewer_collections
from dienbien.policy.core.correspondence.registers import Series
from dienbien.policy.correspondence import sequence
from dienbien.policy.correspondence.documents import ID_PREFIXES
from dienbien.policy.correspondence.documents import IncomingDocument
from dienbien.policy.correspondence.documents import OutgoingDocument
from dienbien.policy.orgunits.references import point_to
from dienbien.policy.orgunits.references import uids_by_code
from plone import api
from plone.uuid.interfaces import ATTRIBUTE_NAME
from zoneinfo import ZoneInfo

import transaction


TIMEZONE = ZoneInfo("Asia/Ho_Chi_Minh")

#: kind → (class, portal_type, workflow)
KINDS = {
    "outgoing": (OutgoingDocument, "OutgoingDocument", "dienbien_outgoing_workflow"),
    "incoming": (IncomingDocument, "IncomingDocument", "dienbien_incoming_workflow"),
}
#: Unit references: the records name units by code; documents store UIDs.
UNIT_FIELDS = ("unit", "sender_unit", "handling_unit")
#: What a record carries besides the document's fields.
NOT_FIELDS = {"kind", "uid", "state", "history", "series", "created"}


def zope_time(moment) -> DateTime:
    """A naive local time (the house convention) as Zope's DateTime."""
    return DateTime(moment.replace(tzinfo=TIMEZONE))


def _make(record: dict, uids: dict[str, str]):
    cls, portal_type, _workflow = KINDS[record["kind"]]
    # The id documents.new_id gives, from the record's own UID (reproducible).
    document = cls(id=f"{ID_PREFIXES[record['kind']]}-{record['uid'][:12]}")
    document.portal_type = portal_type
    for name, value in record.items():
        if name in NOT_FIELDS:
            continue
        if name in UNIT_FIELDS:
            # One look-up per load, not per document.
            point_to(document, name, uids.get(value) if value else None, value or None)
        else:
            setattr(document, name, value)
    # What the creation events would have given it.
    setattr(document, ATTRIBUTE_NAME, record["uid"])
    created = zope_time(record["created"])
    document.creation_date = created
    document.modification_date = zope_time(record["history"][-1]["time"])
    first_actor = record["history"][0]["actor"]
    document.creators = (first_actor,) if first_actor else ()
    return document


def bulk_load(
    folder,
    records,
    batch_size: int = 1000,
    progress=None,
    commit: bool = True,
    cache_size: int = 300_000,
) -> int:
    """Store documents from ``records``; return how many were loaded. With
    ``commit`` each batch is its own transaction; without, the caller's
    transaction holds them all (small loads, such as the demo). While a
    committing load runs, the object caches hold at least ``cache_size``
    objects (as ``dossiers.bulk`` does, for the same reason)."""
    with cache_at_least(folder, cache_size, commit), fewer_collections(commit):
        return _load(folder, records, batch_size, progress, commit)


def _load(folder, records, batch_size, progress, commit) -> int:
    catalog = api.portal.get_tool("portal_catalog")
    workflow = api.portal.get_tool("portal_workflow")
    uids = uids_by_code()
    mappings = {}
    highest: dict[Series, int] = {}
    pending = []
    loaded = 0
    for record in records:
        document = _make(record, uids)
        folder._setObject(document.getId(), document, suppress_events=True)
        document = folder._getOb(document.getId())
        workflow_id = KINDS[record["kind"]][2]
        _set_history(workflow, workflow_id, document, record)
        _map_roles(workflow[workflow_id], document, record["state"], mappings)
        series = record["series"]
        if series is not None:
            number = record.get("number") or record.get("incoming_number")
            stored = Series(
                uids[series.unit], series.year, series.register, series.type
            )
            highest[stored] = max(highest.get(stored, 0), number)
        pending.append(document)
        loaded += 1
        if len(pending) >= batch_size:
            _finish_batch(folder, catalog, pending, highest)
            pending, highest = [], {}
            if commit:
                transaction.commit()
            if progress:
                progress(loaded)
    if pending or highest:
        _finish_batch(folder, catalog, pending, highest)
        if commit:
            transaction.commit()
        if progress:
            progress(loaded)
    return loaded


def _set_history(workflow, workflow_id, document, record) -> None:
    """The record's workflow history, oldest first; the last entry is the
    document's state."""
    for entry in record["history"]:
        workflow.setStatusOf(
            workflow_id,
            document,
            {
                "review_state": entry["review_state"],
                "action": entry["action"],
                "actor": entry["actor"] or "bulk-load",
                "comments": entry["comments"],
                "time": zope_time(entry["time"]),
            },
        )


def _map_roles(definition, document, state, mappings):
    """The workflow's permission settings for ``state``: worked out for the
    first document of each type in each state, copied to the others (a
    fresh document has no settings of its own)."""
    key = (document.portal_type, state)
    mapping = mappings.get(key)
    if mapping is None:
        definition.updateRoleMappingsFor(document)
        mappings[key] = {
            name: value
            for name, value in vars(document).items()
            if name.startswith("_") and name.endswith("_Permission")
        }
        return
    for name, value in mapping.items():
        # A list means "also acquire": each document gets its own copy.
        setattr(document, name, list(value) if isinstance(value, list) else value)


def _finish_batch(folder, catalog, documents, highest) -> None:
    for series, number in highest.items():
        sequence.at_least(folder, series, number)
    for document in documents:
        catalog.catalog_object(document, "/".join(document.getPhysicalPath()))
