"""What the big record folders (``/ho-so``, ``/van-ban``) share.

Each holds tens of thousands of records a year. Adding one to a stock Plone
folder ends with a ``ContainerModifiedEvent``, on which plone.dexterity
reindexes the whole folder (every index and its metadata, ~25 ms measured
in ``bench/exchange.py``) only to move its ``modified`` date: a date nobody
reads on these folders (their pages list records from the catalog) and a
write that every concurrent creation then conflicts on. A record added here
fires the same added events as anywhere else, and not that one.
"""

from OFS.event import ObjectWillBeAddedEvent
from plone.dexterity.content import Container
from zope.event import notify
from zope.lifecycleevent import ObjectAddedEvent


class RecordFolder(Container):
    """Unordered: a manual order of a year's records means little, and
    plone.folder's default ordering keeps one list that every new record
    would rewrite whole."""

    _ordering = "unordered"

    def _setObject(
        self, id, object, roles=None, user=None, set_owner=1, suppress_events=False
    ):
        if suppress_events:
            return super()._setObject(id, object, roles, user, set_owner, True)
        notify(ObjectWillBeAddedEvent(object, self, id))
        id = super()._setObject(id, object, roles, user, set_owner, True)
        notify(ObjectAddedEvent(self._getOb(id), self, id))
        return id
