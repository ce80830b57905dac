"""``GET /@documents``: incoming and outgoing documents, from the catalog.

Filters: ``kind`` (outgoing, incoming), ``state``, ``unit`` (the issuing or
receiving unit's code), ``year`` (of the number), ``q`` (words of the type,
summary, notation or sender, or of the attached PDF or .docx, with or without
diacritics: the folded ``document_text`` index, which only this endpoint
queries, each word a prefix; a secret document's file is in no index),
``overdue=1`` (an incoming document's deadline passed while it is in hand),
``urgent=1`` (khẩn and above), batched with ``b_start`` / ``b_size``: drafts
not yet issued first, then by date of issue or arrival, latest first. Each item is read from catalog
metadata (no document is woken up), and the catalog's security filter
decides which documents a user sees: a secret one only the people named on
it. Parameters are checked by ``core.correspondence.listing``.
"""

from datetime import timedelta
from dienbien.policy import _
from dienbien.policy.clock import today
from dienbien.policy.core.correspondence.listing import check_listing
from dienbien.policy.core.correspondence.listing import is_overdue
from dienbien.policy.core.correspondence.listing import PARAMETERS
from dienbien.policy.core.correspondence.listing import URGENT
from dienbien.policy.correspondence.titles import StateTitles
from dienbien.policy.correspondence.titles import TypeTitles
from dienbien.policy.orgunits.lookup import unit_brains
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.errors import form_problems
from plone.restapi.batching import HypermediaBatch
from plone.restapi.services import Service
from Products.CMFCore.utils import getToolByName
from Products.ZCTextIndex.ParseTree import ParseError


PORTAL_TYPES = {"outgoing": "OutgoingDocument", "incoming": "IncomingDocument"}
#: Outgoing states before issue: no date yet.
UNDATED = ("draft", "pending", "approved")


class Page(list):
    """The documents of one batch, and how many there are in all
    (``plone.batching`` takes the list as the batch itself when its
    ``actual_result_count`` differs from its length)."""

    actual_result_count = 0


def _total(results) -> int:
    return getattr(results, "actual_result_count", None) or len(results)


def _aware(text):
    """Catalog date-time text (local, to the minute) as ISO 8601 with the
    offset; a date stays a date."""
    if not text:
        return None
    return f"{text}:00+07:00" if "T" in text else text


class DocumentsGet(Service):
    def reply(self):
        form = self.request.form
        problems = form_problems(form, PARAMETERS)
        if problems:
            return bad_request(self.request, problems)
        listing, problems = check_listing(form)
        if listing.unit and not unit_brains(self.context, unit_code=listing.unit):
            problems.append(
                (
                    "unit",
                    _(
                        "No unit has the code ${value}.",
                        mapping={"value": listing.unit},
                    ),
                )
            )
        if problems:
            return bad_request(self.request, problems)
        current = today()
        # Only as far as the batch's documents are sorted by the catalog: a
        # year of a unit holds tens of thousands.
        wanted = HypermediaBatch(self.request, ())
        brains = (
            Page()
            if listing.states == ()
            else self.search(listing, current, wanted.b_start, wanted.b_size)
        )
        batch = HypermediaBatch(self.request, brains)
        types, states = TypeTitles(self.request), StateTitles(self.request)
        result = {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "items": [self.item(brain, current, types, states) for brain in batch],
        }
        if batch.links:
            result["batching"] = batch.links
        return result

    def search(self, listing, current, start: int, size: int) -> "Page":
        """The batch ``start``…``start + size`` of: the drafts not yet issued
        first (newest first), then the documents with a date of issue or
        arrival, latest first. Two sorted catalog answers, each limited to
        the end of its share of the batch (``sort_limit``: the catalog keeps
        the best few while sorting instead of sorting every hit; its
        ``b_start``/``b_size`` sort a late batch backwards, and gave a wrong
        document for a last batch running past the end); the catalog drops
        from an answer sorted on ``document_date`` what that index does not
        hold (the drafts)."""
        kinds = [listing.kind] if listing.kind else list(PORTAL_TYPES)
        query = {"portal_type": [PORTAL_TYPES[kind] for kind in kinds]}
        if listing.states is not None:
            query["review_state"] = list(listing.states)
        if listing.unit:
            query["document_unit"] = listing.unit
        if listing.year:
            query["document_year"] = listing.year
        if listing.urgent:
            query["document_urgency"] = list(URGENT)
        if listing.overdue:
            # ISO dates compare as text: every deadline before today.
            query["document_deadline"] = {
                "query": (current - timedelta(days=1)).isoformat(),
                "range": "max",
            }
        if listing.words:
            # Not SearchableText: the attachments' words are only here.
            query["document_text"] = " ".join(f"{word}*" for word in listing.words)
        undated = [state for state in listing.states or UNDATED if state in UNDATED]
        catalog = getToolByName(self.context, "portal_catalog")
        page = Page()
        try:
            drafts_total = 0
            if "outgoing" in kinds and undated:
                drafts = catalog(
                    **{
                        **query,
                        "portal_type": PORTAL_TYPES["outgoing"],
                        "review_state": undated,
                        "sort_on": "created",
                        "sort_order": "descending",
                        "sort_limit": start + size,
                    }
                )
                drafts_total = _total(drafts)
                page.extend(drafts[start : start + size])
            room = size - len(page)
            skip = max(0, start - drafts_total)
            dated = catalog(
                **query,
                sort_on="document_date",
                sort_order="descending",
                # At least one, to count them when the drafts fill the batch.
                sort_limit=skip + max(1, room),
            )
            dated_total = _total(dated)
            if room:
                page.extend(dated[skip : skip + room])
        except ParseError:
            # Words the full-text index cannot hold find nothing.
            return Page()
        page.actual_result_count = drafts_total + dated_total
        return page

    def item(self, brain, current, types, states) -> dict:
        state = brain.review_state
        kind = brain.document_kind
        deadline = brain.document_deadline or None
        return {
            "@id": brain.getURL(),
            "@type": brain.portal_type,
            "kind": kind,
            "review_state": state,
            "state_title": states(kind, state),
            "number": brain.document_number or None,
            "year": brain.document_year or None,
            "notation": brain.document_notation or None,
            "date": _aware(brain.document_date),
            "type": brain.document_type,
            "type_title": types(brain.document_type),
            "title": brain.Title,
            "summary": brain.Description,
            "urgency": brain.document_urgency,
            "confidentiality": brain.document_confidentiality,
            "unit": brain.document_unit,
            "sender": brain.document_sender or None,
            "handler": brain.document_handler or None,
            "deadline": deadline,
            "overdue": is_overdue(state, deadline, current),
        }
