"""Where the forms keep what they receive and what is published.

Submissions: EasyForm's "saved_data" action (its storage, rows with an id
and the ``dt`` of arrival). Q&A entries: a list in the question form's
annotations, each with the id of the row it answers (a row is answered
once).
"""

from collective.easyform.api import get_actions
from DateTime import DateTime
from datetime import datetime
from dienbien.policy import clock
from dienbien.policy.clock import TIMEZONE
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from zope.annotation.interfaces import IAnnotations


SAVER = "saved_data"
QA_KEY = "dienbien.policy.qa"


def saver(form):
    return get_actions(form)[SAVER]


def rows(form) -> list[dict]:
    """Stored submissions, newest first, each with ``received`` (local
    naive datetime)."""
    found = []
    for row_id, row in saver(form).getSavedFormInputItems():
        item = dict(row, id=row_id)
        item["received"] = received(row)
        found.append(item)
    found.sort(key=lambda item: item["id"], reverse=True)
    return found


def stamp_newest(form) -> None:
    """Date the row just saved by the site's clock (EasyForm's own ``dt``
    is the machine's, which tests cannot set)."""
    rows = saver(form)._storage
    if rows:
        key = rows.maxKey()
        rows[key] = dict(rows[key], received=clock.now())


def received(row) -> datetime | None:
    if row.get("received"):
        return row["received"]
    stamp = row.get("dt")
    if not stamp:
        return None
    return DateTime(stamp).asdatetime().astimezone(TIMEZONE).replace(tzinfo=None)


def entries(form, create=False):
    """The Q&A entries (a page that only reads them writes nothing)."""
    annotations = IAnnotations(form)
    if QA_KEY not in annotations:
        if not create:
            return []
        annotations[QA_KEY] = PersistentList()
    return annotations[QA_KEY]


def publish(form, entry: dict, row_id=None) -> None:
    entries(form, create=True).append(PersistentMapping(entry, row=row_id))


def answered_rows(form) -> set:
    return {entry.get("row") for entry in entries(form) if entry.get("row")}
