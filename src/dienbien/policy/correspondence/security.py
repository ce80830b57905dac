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
"""

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


def document_modified(document, event) -> None:
    if event.object is not document:
        return
    names = changed_fields(event)
    if names is None or names & ACCESS_FIELDS:
        access_changed(document)
