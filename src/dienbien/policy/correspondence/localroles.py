"""Who sees a document: local roles from its unit and the people on it.

Ordinary documents:

- the unit's clerical office group: ``DocumentClerk``;
- the unit's leaders group: ``DocumentLeader``;
- the drafter of an outgoing document: ``DocumentDrafter``;
- the handler, the co-handlers and the handling unit's officers of an
  incoming document: ``DocumentHandler``;
- anyone else named in ``readers``: ``DocumentReader``.

Secret documents (mật and above): no group gets a role. Only the people named
on the document do — drafter, signer, handlers, readers — each with the role of his
function in the unit (a named member of its clerical office is its
``DocumentClerk``, a named leader its ``DocumentLeader``, anyone else a
``DocumentReader``). Other units, anonymous users and administrators get
nothing; what each role may do in each state is the workflows' permission
maps (docs/workflows.md).
"""

from borg.localrole.interfaces import ILocalRoleProvider
from dienbien.policy.core.correspondence.marks import is_secret
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.correspondence.documents import IDocument
from plone import api
from zope.component import adapter
from zope.interface import implementer


def _named(document) -> dict[str, set[str]]:
    """The people named on the document and the roles their part gives."""
    named: dict[str, set[str]] = {}

    def add(user_id, role):
        if user_id:
            named.setdefault(user_id, set()).add(role)

    add(getattr(document, "drafter", None), "DocumentDrafter")
    # The leader who signs a secret document reads it (as its leader, below).
    add(getattr(document, "signer", None), "DocumentReader")
    add(getattr(document, "handler", None), "DocumentHandler")
    for user_id in getattr(document, "co_handlers", None) or ():
        add(user_id, "DocumentHandler")
    for user_id in getattr(document, "readers", None) or ():
        add(user_id, "DocumentReader")
    return named


def _member_of(user_id: str) -> set[str]:
    user = api.user.get(userid=user_id)
    if user is None:
        return set()
    return {group.getId() for group in api.group.get_groups(user=user)}


@implementer(ILocalRoleProvider)
@adapter(IDocument)
class DocumentRoles:
    def __init__(self, context):
        self.context = context

    def _assignments(self) -> dict[str, tuple[str, ...]]:
        document = self.context
        unit = document.unit
        named = _named(document)
        assignments: dict[str, set[str]] = {}
        if is_secret(getattr(document, "confidentiality", None) or "normal"):
            clerks = group_id(unit, "clerical") if unit else None
            leaders = group_id(unit, "leader") if unit else None
            for user_id, roles in named.items():
                groups = _member_of(user_id)
                if clerks in groups:
                    roles.add("DocumentClerk")
                if leaders in groups:
                    roles.add("DocumentLeader")
                assignments[user_id] = roles
        else:
            assignments.update(named)
            if unit:
                assignments.setdefault(group_id(unit, "clerical"), set()).add(
                    "DocumentClerk"
                )
                assignments.setdefault(group_id(unit, "leader"), set()).add(
                    "DocumentLeader"
                )
            handling = getattr(document, "handling_unit", None)
            if handling:
                assignments.setdefault(group_id(handling, "officer"), set()).add(
                    "DocumentHandler"
                )
        return {
            principal: tuple(sorted(roles)) for principal, roles in assignments.items()
        }

    def getRoles(self, principal_id):
        return self._assignments().get(principal_id, ())

    def getAllRoles(self):
        yield from self._assignments().items()
