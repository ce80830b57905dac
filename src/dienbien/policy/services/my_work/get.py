"""``GET /@my-work``: what waits for the current user, by group, from
catalog metadata (``correspondence/mywork.py``).

``limit`` (1–100, default 20) caps the items of each group; each group's
``count`` is the whole number waiting. Groups the user's functions do not
give him are left out (a clerk has no drafts to approve).
"""

from dienbien.policy import _
from dienbien.policy.core.numbers import is_whole
from dienbien.policy.correspondence.mywork import group_title
from dienbien.policy.correspondence.mywork import LIMIT
from dienbien.policy.correspondence.mywork import MAX_LIMIT
from dienbien.policy.correspondence.mywork import my_work
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.errors import form_problems
from plone.restapi.services import Service


PARAMETERS = ("limit",)


def _aware(text):
    """A catalog minute (local) as an ISO time with the zone."""
    if not text:
        return None
    return f"{text}:00+07:00" if len(text) == 16 else text


class MyWorkGet(Service):
    def reply(self):
        form = self.request.form
        errors = form_problems(form, PARAMETERS)
        limit = LIMIT
        if not errors and form.get("limit") is not None:
            text = str(form["limit"])
            if not is_whole(text) or not 1 <= int(text) <= MAX_LIMIT:
                errors.append(
                    ("limit", _("limit must be a whole number from 1 to 100."))
                )
            else:
                limit = int(text)
        if errors:
            return bad_request(self.request, errors)
        work = my_work(self.context, limit=limit)
        return {
            "@id": f"{self.context.absolute_url()}/@my-work",
            "user": work.user,
            "today": work.today.isoformat(),
            "week_until": work.week_until.isoformat() if work.week_until else None,
            "total": work.total,
            "groups": [
                {
                    "id": group["id"],
                    "title": group_title(group["id"], self.request),
                    "count": group["count"],
                    "items": [self.item(item) for item in group["items"]],
                }
                for group in work.groups
            ],
        }

    def item(self, item: dict) -> dict:
        item = dict(item)
        for name in ("date", "appointment"):
            if name in item:
                item[name] = _aware(item[name])
        return item
