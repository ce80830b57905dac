"""What the big record folders (``/ho-so``, ``/van-ban``) share.

Each holds tens of thousands of records a year. Adding one to a stock Plone
folder ends with a ``ContainerModifiedEvent``, on which plone.dexterity
reindexes the whole folder (every index and its metadata, ~25 ms measured
in ``bench/exchange.py``) only to move its ``modified`` date: a date nobody
reads on these folders (their pages list records from the catalog) and a
write that every concurrent creation then conflicts on. A record added here
fires the same added events as anywhere else, and not that one.

Plone checks a new id against every name the folder could acquire: an
attribute look-up that misses all the way up to the application root and,
for users who are not managers, the site root's names and the type's
aliases. That is a twentieth of a bulk-loaded dossier's time. The ids the
product gives records (``RECORD_ID``) cannot be any such name; for them the
only question is whether the folder already holds one.
"""

from OFS.event import ObjectWillBeAddedEvent
from plone.dexterity.content import Container
from zExceptions import BadRequest
from zope.event import notify
from zope.lifecycleevent import ObjectAddedEvent

import re


#: A dossier's id (``core.dossiers.dossier_id``: its code, lower case, dots
#: as dashes, ending in the day and the sequence) or an official document's
#: (``correspondence.documents.new_id``). Neither can be the name of a tool,
#: a skin item, a method alias, a Zope attribute or a view.
RECORD_ID = re.compile(
    r"[a-z0-9]+(?:-[a-z0-9]+)*-\d{6}-\d{4,}|vbd(?:i|en)-[0-9a-f]{12}"
)


class RecordFolder(Container):
    """Unordered: a manual order of a year's records means little, and
    plone.folder's default ordering keeps one list that every new record
    would rewrite whole."""

    _ordering = "unordered"

    def _checkId(self, id, allow_dup=0):
        if isinstance(id, str) and RECORD_ID.fullmatch(id):
            if not allow_dup and id in self:
                raise BadRequest(f'The id "{id}" is invalid - it is already in use.')
            return None
        return super()._checkId(id, allow_dup)

    def _setObject(
        self, id, object, roles=None, user=None, set_owner=1, suppress_events=False
    ):
        if suppress_events:
            return super()._setObject(id, object, roles, user, set_owner, True)
        notify(ObjectWillBeAddedEvent(object, self, id))
        id = super()._setObject(id, object, roles, user, set_owner, True)
        notify(ObjectAddedEvent(self._getOb(id), self, id))
        return id
