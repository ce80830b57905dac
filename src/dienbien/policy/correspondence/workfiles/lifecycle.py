"""What happens to a work file: planned, opened by its keeper, filled with
documents, closed when the work ends, reopened by the unit's leader.

The transitions' side effects are subscribers of the workflow's events and
also plain functions, so pages and tests call the same code."""

from dienbien.policy import clock
from dienbien.policy.core.correspondence import workfiles as rules
from plone import api


def added(workfile, event) -> None:
    """A new file takes its plan's unit and year."""
    plan = event.newParent
    workfile.unit = plan.unit
    workfile.year = plan.year
    normalise(workfile)
    # The catalog may have indexed the file already (before this
    # subscriber ran): index again with the plan's unit and year.
    workfile.reindexObject()


def normalise(workfile, event=None) -> None:
    """The symbol is stored as the rules write it (``01 . th`` → ``01.TH``)."""
    symbol = rules.normalise_symbol(workfile.symbol or "")
    if symbol != workfile.symbol:
        workfile.symbol = symbol


def after_transition(workfile, event) -> None:
    if event.transition is None:
        return
    action = event.transition.id
    now = clock.now()
    if action == "open" and workfile.opened is None:
        workfile.opened = now
    elif action == "close":
        workfile.closed = now
    elif action == "reopen":
        workfile.closed = None
    workfile.reindexObject()


def state(workfile) -> str:
    return api.content.get_state(obj=workfile)


def add_documents(workfile, uids) -> tuple[str, ...]:
    """Add documents (UIDs) to an open file; returns the UIDs added.

    The caller has checked that the user may see each of them."""
    if not rules.may_add_documents(state(workfile)):
        raise ValueError("documents are added to an open file only")
    before = tuple(workfile.items or ())
    after = rules.add_items(before, uids)
    if after != before:
        workfile.items = after
        workfile.reindexObject(idxs=["workfile_items", "workfile_count"])
    return tuple(uid for uid in after if uid not in before)


def remove_documents(workfile, uids) -> None:
    if not rules.may_add_documents(state(workfile)):
        raise ValueError("documents are removed from an open file only")
    before = tuple(workfile.items or ())
    after = rules.remove_items(before, uids)
    if after != before:
        workfile.items = after
        workfile.reindexObject(idxs=["workfile_items", "workfile_count"])
