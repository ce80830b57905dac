"""What the front page and the sections list: public items only, read from
catalog metadata into plain dicts (safe to cache and share between
visitors, whoever asked first).

"Public" is what an anonymous visitor may see now: the catalog's
``allowedRolesAndUsers`` holds ``Anonymous`` and the effective range
includes the present (scheduled items wait, expired ones go), whatever
workflow the item is in.
"""

from DateTime import DateTime
from datetime import date
from datetime import datetime
from dienbien.policy.clock import now
from dienbien.policy.correspondence.documents import type_name
from dienbien.policy.orgunits.lookup import unit_titles
from dienbien.policy.workingtime import to_local
from plone import api


def public_brains(**query):
    catalog = api.portal.get_tool("portal_catalog")
    present = DateTime(now().isoformat() + "+07:00")  # the site's clock
    return catalog.unrestrictedSearchResults(
        allowedRolesAndUsers=["Anonymous"], effectiveRange=present, **query
    )


def as_datetime(value) -> datetime | None:
    if value is None:
        return None
    if isinstance(value, DateTime):
        # Plone's "no date": 1000 or, in the catalog, 1969/12/31.
        if value.year() <= 1970:
            return None
        return to_local(value.asdatetime())
    if isinstance(value, datetime):
        return to_local(value)
    return None


def day_text(moment) -> str:
    """``03/08/2026``"""
    if isinstance(moment, date) and not isinstance(moment, datetime):
        return f"{moment:%d/%m/%Y}"
    moment = as_datetime(moment)
    return f"{moment:%d/%m/%Y}" if moment else ""


def time_text(moment) -> str:
    """``17:00 03/08/2026``"""
    moment = as_datetime(moment)
    return f"{moment:%H:%M %d/%m/%Y}" if moment else ""


def _item(brain) -> dict:
    return {
        "title": brain.Title,
        "description": brain.Description,
        "url": brain.getURL(),
        "type": brain.portal_type,
        "date": day_text(brain.effective),
    }


def latest_news(limit: int = 5, path: str | None = None) -> list[dict]:
    query = {"portal_type": "News Item"}
    if path:
        query["path"] = path
    brains = public_brains(
        sort_on="effective", sort_order="descending", sort_limit=limit, **query
    )
    return [_item(brain) for brain in brains[:limit]]


def upcoming_events(now: datetime, limit: int = 4, path: str | None = None):
    """Events not over at ``now`` (naive local time), soonest first."""
    query = {
        "portal_type": "Event",
        "end": {"query": DateTime(now.isoformat() + "+07:00"), "range": "min"},
    }
    if path:
        query["path"] = path
    brains = public_brains(sort_on="start", sort_limit=limit, **query)
    return [
        {
            **_item(brain),
            "start": time_text(brain.start),
            "location": getattr(brain, "location", "") or "",
        }
        for brain in brains[:limit]
    ]


def latest_legal_documents(limit: int = 5) -> list[dict]:
    """Published normative documents, the latest signed first."""
    brains = public_brains(
        portal_type="LegalDocument",
        sort_on="legal_signed",
        sort_order="descending",
        sort_limit=limit,
    )
    units = unit_titles(api.portal.get())
    rows = []
    for brain in brains[:limit]:
        signed = brain.legal_signed
        rows.append(
            {
                **_item(brain),
                "notation": brain.legal_notation or "",
                # The title repeats the notation ("Quyết định 08/2026/QĐ-UBND
                # Về việc …"): the type and the summary, beside the notation.
                "title": " ".join(
                    part
                    for part in (type_name(brain.legal_type), brain.Description)
                    if part
                )
                or brain.Title,
                # Many bodies number "…/QĐ-UBND": who issued it.
                "issuer": units.get(brain.legal_issuer, brain.legal_issuer or ""),
                "date": day_text(date.fromisoformat(signed)) if signed else "",
            }
        )
    return rows


#: Sections listing what they hold at any depth (news in the units'
#: newsrooms), only of these types.
DEEP_SECTIONS = {"tin-tuc": ("News Item", "Event")}


def section_query(section) -> dict:
    path = "/".join(section.getPhysicalPath())
    types = DEEP_SECTIONS.get(section.getId())
    if types:
        return {"path": path, "portal_type": types}
    return {"path": {"query": path, "depth": 1}}


def section_items(section, limit: int, start: int = 0) -> tuple[list[dict], int]:
    """The section's public items, the newest first: (a page, how many)."""
    brains = public_brains(
        sort_on="effective", sort_order="descending", **section_query(section)
    )
    items = []
    for brain in brains[start : start + limit]:
        item = _item(brain)
        if brain.portal_type == "Event":
            item["start"] = time_text(brain.start)
            item["location"] = getattr(brain, "location", "") or ""
        items.append(item)
    return items, len(brains)
