"""Plone groups of a unit's functions: clerical office, one-stop desk,
officers, leaders.

Group ids come from ``core.orgunits.group_id`` and are therefore predictable
from the unit code. Each group carries the global role of its function; later
features grant local roles to the groups of the unit that handles a record.
"""

from dienbien.policy import _
from dienbien.policy import clock
from dienbien.policy.core.orgunits import FUNCTIONS
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.core.orgunits import Unit
from plone import api
from zope.i18n import translate

import datetime


#: The global role each function group carries (see docs/security.md).
FUNCTION_ROLES = {
    "clerical": "Clerical",
    "desk": "DeskClerk",
    "officer": "Officer",
    "leader": "Leader",
    # Their local roles in the unit's newsroom do the work (editorial/);
    # the global role only opens the review queue.
    "editor": "NewsEditor",
    "reviewer": "NewsReviewer",
}

FUNCTION_TITLES = {
    "clerical": _("function_clerical", default="Clerical office"),
    "desk": _("function_desk", default="One-stop desk"),
    "officer": _("function_officer", default="Officers"),
    "leader": _("function_leader", default="Leaders"),
    "editor": _("function_editor", default="News editors"),
    "reviewer": _("function_reviewer", default="News reviewers"),
}

RETIRED_MARK = _("group_retired", default="[retired]")


def _vi(message) -> str:
    # Group titles are stored text, read by every user: the site language.
    language = api.portal.get_default_language() or "vi"
    return translate(message, target_language=language)


def group_title(unit: Unit, function: str, retired: bool = False) -> str:
    title = f"{_vi(FUNCTION_TITLES[function])} – {unit.title} ({unit.code})"
    return f"{_vi(RETIRED_MARK)} {title}" if retired else title


def _groups_tool():
    return api.portal.get_tool("portal_groups")


def get_group(code: str, function: str):
    return _groups_tool().getGroupById(group_id(code, function))


def ensure_groups(unit: Unit, today: datetime.date | None = None) -> None:
    """Create or update the unit's groups to match the unit as it is now."""
    today = today or clock.today()
    retired = unit.retired_on(today)
    tool = _groups_tool()
    for function in FUNCTIONS:
        gid = group_id(unit.code, function)
        title = group_title(unit, function, retired)
        roles = [] if retired else [FUNCTION_ROLES[function]]
        group = tool.getGroupById(gid)
        if group is None:
            tool.addGroup(gid, roles=roles, title=title)
            continue
        if group.getProperty("title") != title:
            tool.editGroup(gid, title=title)
        if sorted(r for r in group.getRoles() if r in FUNCTION_ROLES.values()) != roles:
            tool.setRolesForGroup(gid, roles)


def members(code: str, function: str) -> list[str]:
    group = get_group(code, function)
    return list(group.getGroupMemberIds()) if group is not None else []


def retire_groups(unit: Unit, successor: Unit | None) -> None:
    """Empty a retired unit's groups; staff move to the successor's groups.

    The groups themselves stay, marked retired and without roles, so that
    history naming them (hand-over logs, local roles on old records) still
    reads.
    """
    tool = _groups_tool()
    for function in FUNCTIONS:
        gid = group_id(unit.code, function)
        for member in members(unit.code, function):
            if successor is not None:
                api.group.add_user(
                    groupname=group_id(successor.code, function), username=member
                )
            tool.removePrincipalFromGroup(member, gid)


def move_groups(old_code: str, unit: Unit) -> None:
    """A unit changed its code: its groups change id, members come along."""
    ensure_groups(unit)
    tool = _groups_tool()
    for function in FUNCTIONS:
        old_gid = group_id(old_code, function)
        if tool.getGroupById(old_gid) is None:
            continue
        for member in members(old_code, function):
            tool.addPrincipalToGroup(member, group_id(unit.code, function))
        tool.removeGroup(old_gid)


def remove_groups(code: str) -> None:
    tool = _groups_tool()
    for function in FUNCTIONS:
        gid = group_id(code, function)
        if tool.getGroupById(gid) is not None:
            tool.removeGroup(gid)


def user_units(codes, user=None) -> dict[str, set[str]]:
    """``{function: {unit code, ...}}``: the units among ``codes`` whose
    function groups the user (default: the current one) belongs to."""
    user = user or api.user.get_current()
    # The group ids as plone.api finds them, without making each group an
    # object (my work asks on every request).
    try:
        member_of = set(_groups_tool().getGroupsForPrincipal(user))
    except AttributeError as error:
        # Anonymous users of Zope's own user folder (as in plone.api).
        if "portal_groups" not in str(error):
            raise
        member_of = set()
    found: dict[str, set[str]] = {function: set() for function in FUNCTIONS}
    for code in codes:
        for function in FUNCTIONS:
            if group_id(code, function) in member_of:
                found[function].add(code)
    return found
