"""How the dossier pages show times and people: local time (the site's
clock is Asia/Ho_Chi_Minh, stored naive) as "17:00 03/08/2026", and people
by their full name, not their login."""

from dienbien.policy.workingtime import display_time as when  # noqa: F401
from plone import api


def full_name(userid: str | None, cache: dict | None = None) -> str:
    """The person's full name (their id when they have none or are gone)."""
    if not userid:
        return ""
    if cache is not None and userid in cache:
        return cache[userid]
    user = api.user.get(userid=userid)
    name = (user.getProperty("fullname", "") if user is not None else "") or userid
    if cache is not None:
        cache[userid] = name
    return name


def without_side_columns(request) -> None:
    """No portlet columns beside a dossier: the site's navigation portlet
    only repeated the dossier's title (with a broken type icon) and, on a
    phone, pushed itself between the log and the footer."""
    request.set("disable_plone.leftcolumn", True)
    request.set("disable_plone.rightcolumn", True)
