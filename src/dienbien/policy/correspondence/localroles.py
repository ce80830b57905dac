"""Who sees a document: local roles from its unit and the people on it.

The rule is plain Python, ``core/correspondence/access.py`` (read it for the
whole of it); this adapter reads the document's fields and the users'
groups and asks it, on every question, so that a change of unit, handler or
confidentiality moves the access with it (the catalog follows:
``correspondence/security.py``).

Ordinary documents: the unit's clerical office (``DocumentClerk``) and
leaders (``DocumentLeader``), the drafter (``DocumentDrafter``), the handler,
co-handlers and the handling unit's officers (``DocumentHandler``), the
handling unit's leaders, the signer and the readers (``DocumentReader``).

Secret documents (mật and above): no group gets a role. Only the people
named on the document do — drafter, signer, handlers, readers — each with
the role of his function in the unit (a named member of its clerical office
is its ``DocumentClerk``, a named leader its ``DocumentLeader``, anyone else
a ``DocumentReader``), plus ``DocumentDrafter``/``DocumentHandler`` for his
part. Other units, anonymous users and administrators get nothing; what
each role may do in each state is the workflows' permission maps
(docs/workflows.md).
"""

from borg.localrole.interfaces import ILocalRoleProvider
from dienbien.policy.core.correspondence.access import DocumentAccess
from dienbien.policy.core.correspondence.access import local_roles
from dienbien.policy.core.orgunits import FUNCTIONS
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.correspondence.documents import IDocument
from plone import api
from zope.annotation.interfaces import IAnnotations
from zope.component import adapter
from zope.globalrequest import getRequest
from zope.interface import implementer


MEMO_KEY = "dienbien.policy.document_roles"


def functions_of(user_id: str, unit: str | None) -> set[str]:
    """The functions ``user_id`` holds in ``unit`` (the unit's groups he is
    in). Asked for the people named on secret documents only."""
    if not user_id or not unit:
        return set()
    user = api.portal.get_tool("acl_users").getUserById(user_id)
    if user is None:
        return set()
    groups = set(user.getGroups() or ())
    return {function for function in FUNCTIONS if group_id(unit, function) in groups}


def _request_memo() -> dict:
    """A dict living as long as the request (none outside one): Zope asks
    a document's local roles for every permission check and every
    principal of the user, and a secret document's roles need the named
    people's groups (a few milliseconds each)."""
    request = getRequest()
    if request is None:
        return {}
    try:
        annotations = IAnnotations(request)
    except TypeError:
        return {}
    return annotations.setdefault(MEMO_KEY, {})


def _names(value) -> tuple[str, ...]:
    return tuple(person for person in (value or ()) if person)


def access_of(document) -> DocumentAccess:
    """The facts of a document that decide who may see it."""
    return DocumentAccess(
        unit=getattr(document, "unit", None) or None,
        confidentiality=getattr(document, "confidentiality", None) or "normal",
        drafter=getattr(document, "drafter", None) or None,
        signer=getattr(document, "signer", None) or None,
        handling_unit=getattr(document, "handling_unit", None) or None,
        handler=getattr(document, "handler", None) or None,
        co_handlers=_names(getattr(document, "co_handlers", None)),
        readers=_names(getattr(document, "readers", None)),
    )


@implementer(ILocalRoleProvider)
@adapter(IDocument)
class DocumentRoles:
    def __init__(self, context):
        self.context = context

    def _assignments(self) -> dict[str, tuple[str, ...]]:
        # Keyed by the facts themselves: a field changed within the request
        # (an assignment) is a new key, never a stale answer.
        access = access_of(self.context)
        memo = _request_memo()
        if access not in memo:
            roles = local_roles(access, functions_of)
            memo[access] = {
                principal: tuple(sorted(held)) for principal, held in roles.items()
            }
        return memo[access]

    def getRoles(self, principal_id):
        return self._assignments().get(principal_id, ())

    def getAllRoles(self):
        yield from self._assignments().items()
