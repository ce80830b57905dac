"""Who gets which local role on an official document (issue 10, item 6).

A document is seen by its unit's clerical office, its drafter, its handlers
and co-handlers, and the unit's leaders; never by anonymous users or by
other units (a unit that was sent a document sees the incoming document
that internal sending made in that unit, not the sender's record).

A secret document (mật and above, State Secrets Protection Law 29/2018
Art. 8; ``marks.is_secret``) is seen only by the people named on it: its
drafter and signer, its handler and co-handlers, and the readers the
document names. No group gets a role on it: not the unit's officers, clerks
or leaders by default, and not the administrators (who get no role on any
document: they run the platform, they do not read correspondence). Each
named person gets the role of their function in the document's unit, so a
named leader may approve and a named clerk may register or issue it.

The roles (mapped to permissions by the two document workflows):

- ``DocumentClerk``: registers, issues, sends, returns to the sender;
- ``DocumentLeader``: approves, returns to the drafter, assigns, recalls;
- ``DocumentDrafter``: drafts and submits an outgoing document;
- ``DocumentHandler``: handles an incoming document (start, progress, close);
- ``DocumentReader``: reads.

Plain Python: the Plone side (``correspondence/localroles.py``) reads the
document's fields and the users' groups and asks ``local_roles``.
"""

from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from dienbien.policy.core.correspondence import marks
from dienbien.policy.core.orgunits import group_id


CLERK = "DocumentClerk"
LEADER = "DocumentLeader"
DRAFTER = "DocumentDrafter"
HANDLER = "DocumentHandler"
READER = "DocumentReader"
ROLES = (CLERK, LEADER, DRAFTER, HANDLER, READER)

#: The role a unit function gives on the unit's documents (and a named
#: person of that function on a secret one). Officers and the one-stop
#: desk have none by function: an officer works on what he drafts or is
#: assigned.
FUNCTION_ROLES = {"clerical": CLERK, "leader": LEADER}


@dataclass(frozen=True)
class DocumentAccess:
    """The facts of a document that decide who may see it: unit codes and
    user ids (never names or summaries)."""

    unit: str | None
    confidentiality: str = "normal"
    drafter: str | None = None
    signer: str | None = None
    handling_unit: str | None = None
    handler: str | None = None
    co_handlers: tuple[str, ...] = ()
    readers: tuple[str, ...] = ()

    @property
    def secret(self) -> bool:
        return marks.is_secret(self.confidentiality or "normal")

    def named(self) -> tuple[str, ...]:
        """Everyone named on the document, in a stable order, once each."""
        people = (
            self.drafter,
            self.signer,
            self.handler,
            *self.co_handlers,
            *self.readers,
        )
        seen: dict[str, None] = {}
        for person in people:
            if person and person.strip():
                seen.setdefault(person.strip(), None)
        return tuple(seen)


#: ``functions(user_id, unit_code) -> set of functions`` ("clerical",
#: "leader", "officer", "desk") the user holds in that unit.
Functions = Callable[[str, str], Iterable[str]]


def local_roles(
    document: DocumentAccess, functions: Functions
) -> dict[str, frozenset[str]]:
    """``{principal id: roles}`` for the document; principals are group ids
    (``unit.<code>.<function>``) and user ids."""
    roles: dict[str, set[str]] = {}

    def give(principal: str | None, role: str) -> None:
        if principal:
            roles.setdefault(principal, set()).add(role)

    if not document.secret:
        if document.unit:
            for function, role in FUNCTION_ROLES.items():
                give(group_id(document.unit, function), role)
        if document.handling_unit:
            # Assigned to a unit (a department) rather than a person: its
            # officers handle it, its leaders follow it.
            give(group_id(document.handling_unit, "officer"), HANDLER)
            give(group_id(document.handling_unit, "leader"), READER)
    else:
        for person in document.named():
            held = set(functions(person, document.unit)) if document.unit else set()
            for function, role in FUNCTION_ROLES.items():
                if function in held:
                    give(person, role)
    give(document.drafter, DRAFTER)
    give(document.handler, HANDLER)
    for person in document.co_handlers:
        give(person, HANDLER)
    for person in document.named():
        if person not in roles:
            # the signer and the readers (and, on a secret document, a
            # named officer): read it
            give(person, READER)
    return {principal: frozenset(held) for principal, held in roles.items()}
