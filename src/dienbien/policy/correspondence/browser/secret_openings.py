"""Who opened a secret document, and when: for its named leaders.

Read from the secret-access log file (``correspondence/secretlog.py``);
nothing is written to the database to show it. Only for secret documents
(404 otherwise) and only to a leader named on the document (the local role
``DocumentLeader``, which on a secret document only the named leaders hold;
403 to the other people named on it).
"""

from datetime import datetime
from dienbien.policy import _
from dienbien.policy.core.correspondence.access import LEADER
from dienbien.policy.correspondence import secretlog
from dienbien.policy.workingtime import display_time
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import Forbidden
from zExceptions import NotFound


#: What an opening's view means to a reader of the page.
VIEWS = {
    "": _("opened_page", default="The document's page"),
    "api": _("opened_api", default="Read through the API"),
    "@@download/file": _("opened_file", default="Downloaded the file"),
}


class SecretOpenings(BrowserView):
    def __call__(self):
        if not secretlog.is_secret(self.context):
            raise NotFound(self.context, "secret-openings", self.request)
        if LEADER not in api.user.get_roles(obj=self.context):
            raise Forbidden("Only a leader named on the document sees its openings.")
        return self.index()

    def rows(self) -> list[dict]:
        names: dict[str, str] = {}
        rows = []
        for entry in secretlog.openings(self.context.UID()):
            user = entry.get("user", "")
            if user not in names:
                member = api.user.get(userid=user) if user else None
                names[user] = member.getProperty("fullname") or user if member else user
            view = entry.get("view", "")
            rows.append(
                {
                    "time": self.when(entry.get("time", "")),
                    "person": names[user],
                    "what": VIEWS.get(view, view),
                }
            )
        return rows

    @staticmethod
    def when(text: str) -> str:
        try:
            return display_time(datetime.fromisoformat(text))
        except ValueError:
            return text


class SecretOpeningsLink(ViewletBase):
    """Under a secret document's title, for its named leaders: the way to
    ``@@secret-openings``."""

    index = ViewPageTemplateFile("templates/secret_openings_link.pt")

    def available(self) -> bool:
        if getattr(self.view, "__name__", None) == "secret-openings":
            return False  # there already
        return secretlog.is_secret(self.context) and LEADER in api.user.get_roles(
            obj=self.context
        )

    def render(self):
        return self.index() if self.available() else ""
