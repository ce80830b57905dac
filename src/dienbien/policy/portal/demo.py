"""Demo content of the public portal (``data/demo/portal.json``): the
footer's lines, the district's 2020 article on ten years of administrative
reform, sample news and events, the history and contact pages — each
marked as sample data (a note in its text, the keyword "Dữ liệu mẫu").
Safe to run again: items that exist are left alone."""

from DateTime import DateTime
from datetime import datetime
from datetime import time
from datetime import timedelta
from dienbien.policy.clock import now
from dienbien.policy.orgunits.lookup import unit_objects
from dienbien.policy.portal.interfaces import IPortalSettings
from dienbien.policy.portal.interfaces import PREFIX
from plone import api
from plone.app.textfield.value import RichTextValue
from plone.registry.interfaces import IRegistry
from zope.component import getUtility

import json
import pathlib
import pytz


DATA = pathlib.Path(__file__).parent.parent / "data" / "demo"
SAMPLE = "Dữ liệu mẫu"
#: Events keep pytz zones (plone.app.event); zoneinfo's do not pickle.
LOCAL = pytz.timezone("Asia/Ho_Chi_Minh")


def load_portal(portal) -> None:
    data = json.loads((DATA / "portal.json").read_text("utf-8"))
    settings = getUtility(IRegistry).forInterface(IPortalSettings, prefix=PREFIX)
    for name, value in data["settings"].items():
        setattr(settings, name, value)
    for unit in unit_objects(portal):
        for name, value in data["unit_contacts"].get(unit.code, {}).items():
            setattr(unit, f"contact_{name}", value)
    note = f"<p><em>{data['sample_note']}</em></p>"
    today = now()
    news = portal["tin-tuc"]

    article = data["article"]
    html = (DATA / article["text_file"]).read_text("utf-8")
    _add(
        news,
        "News Item",
        article,
        html,
        effective=datetime.fromisoformat(article["effective"]),
    )
    for item in data["news"]:
        published = (today - timedelta(days=item["days_ago"])).replace(hour=9)
        _add(news, "News Item", item, item["text"] + note, effective=published)
    for item in data["events"]:
        day = (today + timedelta(days=item["days_ahead"])).date()
        start, end = (
            LOCAL.localize(datetime.combine(day, time.fromisoformat(item[key])))
            for key in ("start", "end")
        )
        _add(
            news,
            "Event",
            item,
            f"<p>{item['description']}</p>" + note,
            effective=today.replace(hour=8) - timedelta(days=1),
            start=start,
            end=end,
            location=item["location"],
        )
    for page in data["pages"]:
        _add(portal[page["section"]], "Document", page, page["text"] + note)


def _add(container, portal_type, item, html, effective=None, **fields):
    if item["id"] in container.objectIds():
        return container[item["id"]]
    obj = api.content.create(
        container=container,
        type=portal_type,
        id=item["id"],
        title=item["title"],
        description=item["description"],
        text=RichTextValue(html, "text/html", "text/x-html-safe"),
        subject=(SAMPLE,),
        **fields,
    )
    if effective is not None:
        # Local time on the site's clock.
        obj.setEffectiveDate(
            DateTime(effective.replace(tzinfo=None).isoformat() + "+07:00")
        )
    if api.content.get_state(obj, default=None) not in (None, "published"):
        api.content.transition(obj=obj, to_state="published")
    obj.reindexObject()
    return obj
