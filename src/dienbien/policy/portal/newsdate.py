"""The date a news item was published, under its title, for every reader.

Plone shows an item's dates in its byline, which the site hides from
anonymous visitors (it names the author and links to the author's page):
a citizen reading the news saw no date at all. This viewlet gives the day
of publication (the item's effective date), as the portal's listings do.
"""

from dienbien.policy.portal.listings import day_text
from plone.app.layout.viewlets.common import ViewletBase
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile


class NewsDate(ViewletBase):
    template = ViewPageTemplateFile("templates/newsdate.pt")

    def update(self):
        super().update()
        effective = self.context.effective_date
        self.day = day_text(effective) if effective else ""

    def index(self):
        if not self.day:
            return ""
        return self.template()
