"""Comments of the public on a draft normative document.

The drafting unit (the draft's issuer) opens its draft for comment until a
closing day (``@@lay-y-kien`` on the draft, for its editors). Until the end
of that day — the site's clock decides, on the server — anyone may comment
on the public page ``@@gop-y-du-thao?du_thao=<UID>`` of the site root
(a draft itself is not public: the page shows its title and summary only,
and only while it is a draft open for comment; ``@@gop-y-du-thao`` alone
lists the drafts open for comment). The comments are kept in the draft's
annotations and listed on ``@@y-kien-du-thao`` for the members of the
issuer's groups and the site's managers only. Honeypot and per-client
limit as for the other forms.
"""

from AccessControl import Unauthorized
from datetime import date
from dienbien.policy import _
from dienbien.policy import clock
from dienbien.policy.citizenforms import spam
from dienbien.policy.citizenforms.pages import day_text
from dienbien.policy.citizenforms.pages import local_text
from dienbien.policy.core.citizenforms import consultation_open
from dienbien.policy.core.orgunits import FUNCTIONS
from dienbien.policy.core.orgunits import group_id
from dienbien.policy.orgunits.lookup import unit_title
from persistent.list import PersistentList
from persistent.mapping import PersistentMapping
from plone import api
from plone.protect import CheckAuthenticator
from Products.Five.browser import BrowserView
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zExceptions import NotFound
from zope.annotation.interfaces import IAnnotations

import math


KEY = "dienbien.policy.consultation"
DRAFT_STATES = ("draft", "pending")
MAX_COMMENT = 5000
MAX_LINE = 200


def consultation(draft, create=False):
    annotations = IAnnotations(draft)
    if KEY not in annotations and create:
        annotations[KEY] = PersistentMapping(closes=None, comments=PersistentList())
    return annotations.get(KEY)


def is_open(draft) -> bool:
    data = consultation(draft)
    return (
        data is not None
        and api.content.get_state(obj=draft) in DRAFT_STATES
        and consultation_open(data["closes"], clock.now())
    )


def open_drafts(portal) -> list:
    catalog = api.portal.get_tool("portal_catalog")
    found = []
    for brain in catalog.unrestrictedSearchResults(
        portal_type="LegalDocument", review_state=list(DRAFT_STATES)
    ):
        draft = brain._unrestrictedGetObject()
        if is_open(draft):
            found.append(draft)
    return found


class OpenForComment(BrowserView):
    """``@@lay-y-kien``: the draft's editors set the closing day."""

    index = ViewPageTemplateFile("templates/open_for_comment.pt")

    def __call__(self):
        self.error = None
        if self.request.method == "POST":
            CheckAuthenticator(self.request)
            if api.content.get_state(obj=self.context) not in DRAFT_STATES:
                self.error = _(
                    "consultation_not_draft",
                    default="Only a draft can be opened for comment.",
                )
            else:
                try:
                    closes = date.fromisoformat(self.request.form.get("closes", ""))
                except ValueError:
                    closes = None
                if closes is None or closes < clock.today():
                    self.error = _(
                        "consultation_bad_day",
                        default="Choose a closing day from today on.",
                    )
                else:
                    consultation(self.context, create=True)["closes"] = closes
                    api.portal.show_message(
                        _("consultation_opened", default="The draft takes comments."),
                        self.request,
                    )
                    self.request.response.redirect(
                        f"{self.context.absolute_url()}/@@lay-y-kien"
                    )
                    return ""
        return self.index()

    def closes(self):
        data = consultation(self.context)
        return data["closes"] if data else None

    def closes_text(self) -> str:
        return day_text(self.closes())

    def open(self) -> bool:
        return is_open(self.context)

    def public_url(self) -> str:
        portal = api.portal.get()
        return f"{portal.absolute_url()}/@@gop-y-du-thao?du_thao={self.context.UID()}"


class CommentOnDraft(BrowserView):
    """``@@gop-y-du-thao`` of the site root: the public's side."""

    index = ViewPageTemplateFile("templates/comment_on_draft.pt")
    listing = ViewPageTemplateFile("templates/drafts_open.pt")

    def __call__(self):
        uid = self.request.form.get("du_thao")
        if not uid:
            return self.listing()
        self.draft = self.find(uid)
        self.errors = {}
        self.sent = False
        self.closed = not is_open(self.draft)
        if self.request.method == "POST":
            if self.closed:
                self.request.response.setStatus(403)
                return self.index()
            wait = spam.wait_for(self.request)
            if wait:
                self.minutes = max(1, math.ceil(wait / 60))
                self.request.response.setStatus(429)
                self.request.response.setHeader("Retry-After", str(wait))
                return self.index()
            self.submit()
        return self.index()

    def find(self, uid: str):
        catalog = api.portal.get_tool("portal_catalog")
        brains = catalog.unrestrictedSearchResults(
            portal_type="LegalDocument", UID=uid[:64]
        )
        if not brains:
            raise NotFound(uid)
        draft = brains[0]._unrestrictedGetObject()
        # Only a draft that was opened for comment is shown, open or closed.
        if consultation(draft) is None or (
            api.content.get_state(obj=draft) not in DRAFT_STATES
        ):
            raise NotFound(uid)
        return draft

    def drafts(self) -> list[dict]:
        return [
            {
                "title": draft.Title(),
                "url": f"{self.context.absolute_url()}/@@gop-y-du-thao"
                f"?du_thao={draft.UID()}",
                "closes": day_text(consultation(draft)["closes"]),
                "unit": unit_title(self.context, draft.issuer),
            }
            for draft in open_drafts(self.context)
        ]

    def summary(self) -> str:
        return self.draft.summary or ""

    def draft_title(self) -> str:
        return self.draft.Title()

    def unit(self) -> str:
        return unit_title(self.context, self.draft.issuer)

    def closes_text(self) -> str:
        return day_text(consultation(self.draft)["closes"])

    def value(self, name: str) -> str:
        return "" if self.sent else self.request.form.get(name, "")

    def submit(self) -> None:
        form = self.request.form
        fullname = (form.get("fullname") or "").strip()[:MAX_LINE]
        contact = (form.get("contact") or "").strip()[:MAX_LINE]
        comment = (form.get("comment") or "").strip()
        if not fullname:
            self.errors["fullname"] = _(
                "consultation_need_name", default="Write your full name."
            )
        if not comment:
            self.errors["comment"] = _(
                "consultation_need_comment", default="Write your comment."
            )
        elif len(comment) > MAX_COMMENT:
            self.errors["comment"] = _(
                "consultation_comment_long",
                default="At most ${max} characters.",
                mapping={"max": MAX_COMMENT},
            )
        if self.errors:
            return
        spam.count(self.request)
        self.sent = True
        if spam.is_spam(form):
            return  # thanked like anyone, kept nowhere
        consultation(self.draft)["comments"].append(
            PersistentMapping(
                fullname=fullname,
                contact=contact,
                comment=comment,
                received=clock.now(),
            )
        )


class DraftComments(BrowserView):
    """``@@y-kien-du-thao``: the comments, for the drafting unit only."""

    index = ViewPageTemplateFile("templates/draft_comments.pt")

    def __call__(self):
        if not self.may_read():
            raise Unauthorized("y-kien-du-thao")
        return self.index()

    def may_read(self) -> bool:
        user = api.user.get_current()
        if api.user.is_anonymous():
            return False
        roles = api.user.get_roles(user=user, obj=self.context)
        if "Manager" in roles or "Site Administrator" in roles:
            return True
        issuer = self.context.issuer
        groups = {group.getId() for group in api.group.get_groups(user=user)}
        return bool(
            issuer and groups & {group_id(issuer, function) for function in FUNCTIONS}
        )

    def comments(self) -> list[dict]:
        data = consultation(self.context)
        if data is None:
            return []
        return [
            {
                "fullname": comment["fullname"],
                "contact": comment["contact"],
                "comment": comment["comment"],
                "received": local_text(comment["received"]),
            }
            for comment in data["comments"]
        ]

    def closes_text(self) -> str:
        data = consultation(self.context)
        return day_text(data["closes"]) if data else ""
