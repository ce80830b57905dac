"""``GET /@procedures``: the public catalogue of procedures, searched.

Answered from catalog metadata (no procedure object is woken up); the search
words go through the site's full-text index, which folds Vietnamese
diacritics, each word as a prefix. ``GET /@procedures/fields`` lists the
fields with their number of published procedures. See docs/api.md.
"""

from dienbien.policy import _
from dienbien.policy.content.procedure import known_units
from dienbien.policy.content.procedure import PROCEDURES_PATH
from dienbien.policy.content.vocabularies import CHANNEL_TITLES
from dienbien.policy.content.vocabularies import LEVEL_TITLES
from dienbien.policy.content.vocabularies import ONLINE_TITLES
from dienbien.policy.content.vocabularies import procedure_fields
from dienbien.policy.core.procedures import CHANNELS
from dienbien.policy.core.procedures import LEVELS
from dienbien.policy.core.procedures import ONLINE_SERVICES
from dienbien.policy.core.procedures import query_words
from dienbien.policy.core.procedures import time_label
from dienbien.policy.services.errors import bad_request
from dienbien.policy.services.errors import BadParameters
from plone.restapi.batching import HypermediaBatch
from plone.restapi.services import Service
from Products.CMFCore.utils import getToolByName
from zope.i18n import translate
from zope.interface import implementer
from zope.publisher.interfaces import IPublishTraverse


PARAMETERS = (
    "q",
    "field",
    "unit",
    "level",
    "online",
    "channel",
    "include_abolished",
    "b_start",
    "b_size",
)
MAX_BATCH = 100


@implementer(IPublishTraverse)
class ProceduresGet(Service):
    def __init__(self, context, request):
        super().__init__(context, request)
        self.params = []

    def publishTraverse(self, request, name):
        self.params.append(name)
        return self

    def reply(self):
        try:
            if self.params == ["fields"]:
                return self.fields()
            if self.params:
                self.request.response.setStatus(404)
                return {
                    "type": "NotFound",
                    "message": f"No such resource: {'/'.join(self.params)}",
                }
            return self.search()
        except BadParameters as exc:
            return bad_request(self.request, exc.errors)

    # -- the search ---------------------------------------------------------

    def search(self):
        form = self.request.form
        query = self.query(form)
        catalog = getToolByName(self.context, "portal_catalog")
        brains = catalog(**query)
        batch = HypermediaBatch(self.request, brains)
        fields = procedure_fields()
        units = self.unit_titles()
        return {
            "@id": batch.canonical_url,
            "items_total": batch.items_total,
            "items": [self.item(brain, fields, units) for brain in batch],
            **({"batching": batch.links} if batch.links else {}),
        }

    def query(self, form) -> dict:
        errors = []
        for name in sorted(set(form) - set(PARAMETERS)):
            errors.append((name, _("Unknown parameter.")))
        checks = {
            "field": set(procedure_fields()),
            "level": set(LEVELS),
            "online": set(ONLINE_SERVICES),
            "channel": set(CHANNELS),
            "include_abolished": {"0", "1"},
        }
        for name, allowed in checks.items():
            if name in form and form[name] not in allowed:
                errors.append(
                    (
                        name,
                        _(
                            "Unknown value ${value}; expected one of ${allowed}.",
                            mapping={
                                "value": form[name],
                                "allowed": ", ".join(sorted(allowed)),
                            },
                        ),
                    )
                )
        if "unit" in form and form["unit"] not in known_units(self.context):
            errors.append(
                (
                    "unit",
                    _(
                        "No unit has the code ${value}.",
                        mapping={"value": form["unit"]},
                    ),
                )
            )
        for name, top in (("b_start", None), ("b_size", MAX_BATCH)):
            value = form.get(name)
            if value is None:
                continue
            if not str(value).isdigit() or (top and not 1 <= int(value) <= top):
                errors.append(
                    (
                        name,
                        _(
                            "${name} must be a whole number${range}.",
                            mapping={
                                "name": name,
                                "range": f" from 1 to {top}" if top else "",
                            },
                        ),
                    )
                )
        if errors:
            raise BadParameters(errors)

        portal_path = "/".join(self.context.getPhysicalPath())
        states = ["published"]
        if form.get("include_abolished") == "1":
            states.append("abolished")
        query = {
            "portal_type": "Procedure",
            "path": f"{portal_path}/{PROCEDURES_PATH}",
            "review_state": states,
            "sort_on": "sortable_title",
        }
        words = query_words(form.get("q", ""))
        if words:
            query["SearchableText"] = " ".join(f"{word}*" for word in words)
        for param, index in (
            ("field", "procedure_field"),
            ("unit", "procedure_unit"),
            ("level", "procedure_level"),
            ("online", "procedure_online"),
            ("channel", "procedure_channels"),
        ):
            if form.get(param):
                query[index] = form[param]
        return query

    def item(self, brain, fields, units) -> dict:
        def tr(message):
            return translate(message, context=self.request)

        channels = []
        for terms in brain.procedure_terms or ():
            template, mapping = time_label(terms["time_value"], terms["time_unit"])
            channels.append(
                {
                    "channel": {
                        "token": terms["channel"],
                        "title": tr(CHANNEL_TITLES[terms["channel"]]),
                    },
                    "time_value": terms["time_value"],
                    "time_unit": terms["time_unit"],
                    "time": tr(_(template, mapping=mapping)),
                    "fee": terms["fee"],
                }
            )
        return {
            "@id": brain.getURL(),
            "@type": "Procedure",
            "code": brain.procedure_code,
            "title": brain.Title,
            "review_state": brain.review_state,
            "field": {
                "token": brain.procedure_field,
                "title": fields.get(brain.procedure_field, ""),
            },
            "unit": {
                "code": brain.procedure_unit,
                "title": units.get(brain.procedure_unit, ""),
            }
            if brain.procedure_unit
            else None,
            "level": {
                "token": brain.procedure_level,
                "title": tr(LEVEL_TITLES[brain.procedure_level]),
            },
            "online": {
                "token": brain.procedure_online,
                "title": tr(ONLINE_TITLES[brain.procedure_online]),
            },
            "channels": channels,
        }

    def unit_titles(self) -> dict:
        catalog = getToolByName(self.context, "portal_catalog")
        return {
            brain.unit_code: brain.Title
            for brain in catalog.unrestrictedSearchResults(portal_type="OrgUnit")
        }

    # -- the fields ---------------------------------------------------------

    def fields(self):
        catalog = getToolByName(self.context, "portal_catalog")
        portal_path = "/".join(self.context.getPhysicalPath())
        items = []
        for token, title in procedure_fields().items():
            count = len(
                catalog(
                    portal_type="Procedure",
                    path=f"{portal_path}/{PROCEDURES_PATH}",
                    review_state="published",
                    procedure_field=token,
                )
            )
            items.append({"token": token, "title": title, "count": count})
        return {
            "@id": f"{self.context.absolute_url()}/@procedures/fields",
            "items": items,
        }
