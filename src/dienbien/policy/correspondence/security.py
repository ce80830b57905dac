"""The catalog follows the people named on a document.

A document's local roles are computed from its fields
(``correspondence/localroles.py``), and the catalog keeps who may find it in
``allowedRolesAndUsers``. Workflow transitions reindex it (CMFCore does after
every transition, so what a transition's side effects set — the handler of an
assignment — is covered); so do edits that notify ``ObjectModifiedEvent``
(Dexterity reindexes everything). This subscriber says it once more, and
only reindexes the security, when an edit names a field that decides access,
or does not say what it changed. Code that changes those fields without an
event or a transition calls ``access_changed`` itself.

It also names on a secret document the clerk of its unit who enters it or
marks it secret (``name_the_clerk``).
"""

from dienbien.policy.correspondence.localroles import access_of
from dienbien.policy.correspondence.localroles import functions_of
from plone import api
from zope.lifecycleevent import Attributes


#: The fields that decide who has a role on a document.
ACCESS_FIELDS = frozenset(
    {
        "unit",
        "confidentiality",
        "drafter",
        "signer",
        "handling_unit",
        "handler",
        "co_handlers",
        "readers",
    }
)


def changed_fields(event) -> set[str] | None:
    """The fields an ``ObjectModifiedEvent`` says changed (``None``: unsaid)."""
    descriptions = getattr(event, "descriptions", None) or ()
    names = set()
    for description in descriptions:
        if isinstance(description, Attributes):
            names.update(name.rsplit(".", 1)[-1] for name in description.attributes)
    return names or None


def access_changed(document) -> None:
    """Reindex who may find the document (``allowedRolesAndUsers``)."""
    document.reindexObjectSecurity()


def name_the_clerk(document) -> None:
    """A clerk of the unit who enters a document as secret, or marks it
    secret, has read it: he is named on it (else the clerk who registers a
    secret document would lose it on saving). A clerk of another unit
    (internal sending creates the recipient's document) is not."""
    access = access_of(document)
    user = api.user.get_current()
    user_id = user.getId() if user is not None else None
    if not access.secret or not user_id or user_id in access.named():
        return
    if "clerical" in functions_of(user_id, access.unit):
        document.readers = [*(document.readers or ()), user_id]


def document_added(document, event) -> None:
    name_the_clerk(document)


def document_modified(document, event) -> None:
    if event.object is not document:
        return
    names = changed_fields(event)
    if names is None or "confidentiality" in names:
        name_the_clerk(document)
    if names is None or names & ACCESS_FIELDS:
        access_changed(document)
