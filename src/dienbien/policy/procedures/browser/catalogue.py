"""The catalogue page: one search box, facets, and results at a glance."""

from dienbien.policy import _
from dienbien.policy.procedures.search import check_parameters
from dienbien.policy.procedures.search import FACETS
from dienbien.policy.procedures.search import field_counts
from dienbien.policy.procedures.search import ranked_search
from dienbien.policy.procedures.search import ResultFormatter
from dienbien.policy.procedures.vocabularies import LEVEL_TITLES
from dienbien.policy.procedures.vocabularies import ONLINE_TITLES
from plone import api
from plone.batching import Batch
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate


PAGE_SIZE = 20
#: What the page accepts: the API's parameters; paging is b_start only.
PAGE_PARAMETERS = (
    "q",
    *(name for name, _index in FACETS),
    "include_abolished",
    "b_start",
)


class ProcedureCatalogueView(BrowserView):
    def update(self):
        portal = api.portal.get()
        form = {
            name: value
            for name, value in self.request.form.items()
            if name in PAGE_PARAMETERS and value not in ("", None)
        }
        # A person who edits the URL by hand gets the facets that make sense
        # and a note, not an error page.
        self.errors = check_parameters(portal, form, known=PAGE_PARAMETERS)
        for name, _message in self.errors:
            form.pop(name, None)
        self.form = form
        brains, every = ranked_search(portal, form)
        self.total = len(brains)
        start = int(form.get("b_start", 0))
        self.batch = Batch(brains, PAGE_SIZE, start)
        formatter = ResultFormatter(portal, self.request)
        self.results = []
        # Those holding every word come first (core.ranking): the page says
        # where the ones holding only some of them begin, for a citizen who
        # reads on past what he looked for ("khai sinh" also finds "học
        # sinh").
        partial_seen = every is None
        for brain in self.batch:
            item = formatter(brain)
            item["first_partial"] = not partial_seen and brain.getRID() not in every
            partial_seen = partial_seen or item["first_partial"]
            self.results.append(item)
        self.fields = [item for item in field_counts(portal) if item["count"]]
        self.units = self._units(portal)

    def __call__(self):
        self.update()
        return self.index()

    def _units(self, portal):
        catalog = api.portal.get_tool("portal_catalog")
        used = set(catalog.uniqueValuesFor("procedure_unit")) - {None, ""}
        titles = ResultFormatter(portal, self.request).units
        return sorted(
            ({"code": code, "title": titles.get(code, code)} for code in used),
            key=lambda unit: unit["title"],
        )

    def levels(self):
        return [
            {"token": token, "title": translate(title, context=self.request)}
            for token, title in LEVEL_TITLES.items()
        ]

    def online_options(self):
        return [
            {"token": token, "title": translate(title, context=self.request)}
            for token, title in ONLINE_TITLES.items()
        ]

    def active_filters(self) -> int:
        """How many filters are set: the folded filters open when any is."""
        names = {name for name, _index in FACETS} | {"include_abolished"}
        return len(names & set(self.form))

    def selected(self, name, token):
        return self.form.get(name) == token

    def error_messages(self):
        return [
            f"{name}: {translate(message, context=self.request)}"
            for name, message in self.errors
        ]

    def fee_text(self, fee):
        return translate(format_fee(fee), context=self.request)

    def page_url(self, start):
        params = {k: v for k, v in self.form.items() if k != "b_start"}
        if start:
            params["b_start"] = start
        query = urlencode(params)
        return f"{self.context.absolute_url()}{'?' + query if query else ''}"


def format_fee(fee):
    """``75000`` -> ``75.000 đ``; ``0`` -> "free of charge" (a message)."""
    if not fee:
        return _("fee_free", default="Free of charge")
    return f"{fee:,}".replace(",", ".") + " đ"
