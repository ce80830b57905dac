"""Event dates in the site's language, in the events portlet.

plone.app.event's date providers translate an event's date formats with
the request the event acquires. The events portlet keeps the accessors of
its events in a RAM cache between requests, so their events acquire the
request that filled the cache, long closed, which negotiates no language:
the front page's "Sự kiện sắp diễn ra" read "Dec 06, 2026 08:00 AM" in the
middle of a Vietnamese page. Found again from the present request's site,
the same event gives the house format, "06/12/2026 08:00".
"""

from plone.app.event.browser.formatted_date import FormattedDateProvider
from plone.app.event.browser.formatted_date import FormattedStartDateProvider
from plone.event.interfaces import IEventAccessor


def present(occurrence, context, request):
    """The event (or occurrence) behind ``occurrence`` as this request sees
    it; as it is when it cannot be found again (an occurrence of a
    recurring event is not traversable by path)."""
    event = occurrence.context if IEventAccessor.providedBy(occurrence) else occurrence
    if getattr(event, "REQUEST", None) is request:
        # Found in this request (a listing, the event's page): nothing to do.
        return event
    path = event.getPhysicalPath()
    found = context.unrestrictedTraverse(path, None)
    # Not something else of that name, acquired from above.
    if found is not None and found.getPhysicalPath() == path:
        return found
    return event


class EventDates(FormattedDateProvider):
    """Start and end, for views (the event listing, the event summary)."""

    def __call__(self, occ):
        return super().__call__(present(occ, self.context, self.request))


class EventStartDate(FormattedStartDateProvider):
    """The start, for portlets (the events portlet)."""

    def __call__(self, occ):
        return super().__call__(present(occ, self.context, self.request))
