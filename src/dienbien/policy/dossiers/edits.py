"""Edits of a received dossier: the rules of ``core.edits`` applied to the
current user, and the edit trail.

The trail is kept like the hand-over log: an append-only list of plain dicts
in an annotation of the dossier (who, when, field, before, after, reason).
It is read by ``@edit-log`` and the dossier page, for the dossier's staff;
the public status lookup never reads it.
"""

from dienbien.policy.core import edits
from dienbien.policy.dossiers.dossier import IDossier
from persistent.list import PersistentList
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.schema import getFields

import copy


KEY = "dienbien.policy.edit_log"

#: The dossier's local roles (docs/security.md) as the functions of the rules.
ROLE_FUNCTIONS = {
    "DossierDesk": "desk",
    "DossierOfficer": "officer",
    "DossierLeader": "leader",
    "Manager": "manager",
}


def functions(dossier, user=None) -> set[str]:
    """The functions the user holds on this dossier (local and global roles)."""
    user = user or api.user.get_current()
    roles = set(api.user.get_roles(user=user, obj=dossier))
    return {function for role, function in ROLE_FUNCTIONS.items() if role in roles}


def state(dossier) -> str:
    return api.content.get_state(dossier, default="submitted")


def editable_fields(dossier) -> list[str]:
    return edits.editable_fields(state(dossier), functions(dossier))


def may_edit(dossier) -> bool:
    return edits.may_edit(state(dossier), functions(dossier))


def snapshot(dossier) -> dict:
    """The values of the fields the rules govern, copied (papers are rows)."""
    fields = getFields(IDossier)
    return {
        name: copy.deepcopy(getattr(dossier, name, None))
        for name in edits.FIELDS
        if name in fields
    }


def _plain(value):
    # Rows of the papers grid may be persistent or z3c.form objects: keep
    # plain data in the trail, so it reads the same in every release.
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in value.items()}
    return value


def entries(dossier) -> list[dict]:
    return list(IAnnotations(dossier).get(KEY, ()))


def record(dossier, before: dict, reason: str, when) -> list[dict]:
    """Append one entry per changed field to the dossier's edit trail."""
    after = snapshot(dossier)
    changed = edits.changes(before, after)
    if not changed:
        return []
    annotations = IAnnotations(dossier)
    trail = annotations.get(KEY)
    if trail is None:
        trail = annotations[KEY] = PersistentList()
    actor = api.user.get_current().getId() or ""
    added = []
    for field in changed:
        entry = {
            "time": when,
            "actor": actor,
            "state": state(dossier),
            "field": field,
            "before": _plain(before[field]),
            "after": _plain(after[field]),
            "reason": (reason or "").strip(),
        }
        trail.append(entry)
        added.append(entry)
    return added
