"""The date a news item was published, under its title, for every reader.

Plone shows an item's dates in its byline, which the site hides from
anonymous visitors (it names the author and links to the author's page):
a citizen reading the news saw no date at all. This viewlet gives the day
of publication (the item's effective date), as the portal's listings do.
"""

from dienbien.policy.clock import now
from dienbien.policy.portal.listings import as_datetime
from dienbien.policy.portal.listings import day_text
from plone import api
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class NewsDate(ViewletBase):
    template = ViewPageTemplateFile("templates/newsdate.pt")

    def update(self):
        super().update()
        # Only once it is out: a draft, an item waiting for review or one
        # scheduled for later has no day of publication yet.
        published = as_datetime(self.context.effective_date)
        out = api.content.get_state(self.context, default=None) == "published"
        self.day = (
            day_text(published) if out and published and published <= now() else ""
        )

    def index(self):
        if not self.day:
            return ""
        return self.template()
