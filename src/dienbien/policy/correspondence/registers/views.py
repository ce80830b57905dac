"""The register pages (``/van-ban/@@register-outgoing``, ``-incoming``,
``-follow-up``): the unit/year/period form, the register laid out as on paper
(A4 landscape, column headings on every printed page, Times New Roman) and
the link to its .xlsx (``@@register-<kind>.xlsx``, the same rows as
``@registers``)."""

from dienbien.policy import _
from dienbien.policy.core.correspondence import register_rows as rr
from dienbien.policy.correspondence.registers import query
from dienbien.policy.orgunits.groups import user_units
from dienbien.policy.services.errors import as_labelled
from dienbien.policy.services.errors import error_list
from dienbien.policy.services.errors import single
from plone import api
from Products.Five.browser import BrowserView
from urllib.parse import urlencode
from zope.i18n import translate
from zope.i18nmessageid import Message


#: Rows on one page of the print view (a clerk prints a year in pages).
PAGE_SIZE = 200

KIND_LABELS = {
    rr.OUTGOING: _("register_tab_outgoing", default="Outgoing"),
    rr.INCOMING: _("register_tab_incoming", default="Incoming"),
    rr.FOLLOW_UP: _("register_tab_follow_up", default="Handling follow-up"),
}


#: The form's labels, for the page's messages (the checks are the REST
#: API's, whose messages name parameters: "to must not be before from.").
FIELD_LABELS = {
    "unit": _("register_unit", default="Unit"),
    "year": _("register_year_label", default="Year"),
    "from": _("register_from", default="From"),
    "to": _("register_to", default="To"),
    "secret": _("register_secret", default="Secret register"),
}
#: The API's messages that name parameters in their text, as the page says them.
PAGE_MESSAGES = {
    "to must not be before from.": _(
        "register_page_to_before_from",
        default="“To” must not be before “From”.",
    ),
    "register_bad_year": _(
        "register_page_bad_year", default="The year must be from ${first} to ${last}."
    ),
}


def page_errors(errors, request) -> list[dict]:
    """``[{"field", "message"}]`` for the page: the field by its label, left
    out where the message names it already."""
    entries = []
    for field, message in errors:
        page_message = PAGE_MESSAGES.get(str(message))
        if page_message is not None:
            mapping = getattr(message, "mapping", None) or None
            message = translate(Message(page_message, mapping=mapping), context=request)
            entries.append({"field": "", "message": message})
        else:
            entries.append(as_labelled(field, message, FIELD_LABELS, request))
    return entries


class RegisterPage(BrowserView):
    kind = None

    def __call__(self):
        self.portal = api.portal.get()
        self.reader = query.Reader(self.portal, self.request)
        # A page takes what its form sends (empty fields are left out) and
        # ignores what it does not know (a browser's or a proxy's extras).
        form = {
            key: value
            for key, value in self.request.form.items()
            if value not in ("", None) and key in query.PARAMETERS
        }
        form.setdefault("b_size", str(PAGE_SIZE))
        self.params, errors = query.parse(self.kind, form, self.reader.units)
        self.errors = page_errors(errors, self.request)
        self.rows, self.total, self.first = [], 0, 0
        if self.errors:
            self.request.response.setStatus(400)
        else:
            brains = query.search(self.context, self.params)
            self.total = len(brains)
            self.first = int(form.get("b_start") or 0)
            self.size = int(form["b_size"])
            page = brains[self.first : self.first + self.size]
            self.rows = [
                [rr.text(value) for value in row]
                for row in self.reader.rows(self.kind, page)
            ]
        return self.index()

    def xlsx(self):
        portal = api.portal.get()
        reader = query.Reader(portal, self.request)
        form = {
            key: value
            for key, value in self.request.form.items()
            if value not in ("", None)
            and key in query.PARAMETERS
            and key not in ("b_start", "b_size")
        }
        form["format"] = "xlsx"
        params, errors = query.parse(self.kind, form, reader.units)
        if errors:
            self.request.response.setStatus(400)
            self.request.response.setHeader("Content-Type", "text/plain; charset=utf-8")
            return "\n".join(
                f"{entry['field']}: {entry['message']}"
                for entry in error_list(errors, self.request)
            )
        return query.send_workbook(self.context, params, self.request)

    # -- for the template ----------------------------------------------------

    def tr(self, message):
        return translate(message, context=self.request)

    def columns(self):
        titles = query.column_titles(self.kind, self.request)
        columns = rr.COLUMNS[self.kind]
        total = sum(column.width for column in columns)
        return [
            {
                "title": title,
                "width": f"{100 * column.width / total:.1f}%",
                # Dates and numbers are centred and never broken.
                "align": "center nowrap" if column.kind != "text" else "left",
            }
            for column, title in zip(columns, titles, strict=True)
        ]

    def heading(self):
        if not self.params:
            return ()
        return self.reader.unit(self.params.unit).heading()

    def title(self):
        secret = bool(self.params and self.params.secret)
        return query.register_title(self.kind, secret, self.request)

    def subtitle(self):
        return query.subtitle(self.params, self.request) if self.params else []

    def choices(self):
        """The units in the form: the user's own, else every unit."""
        codes = list(self.reader.units)
        mine = user_units(codes)
        own = set().union(*(mine[function] for function in query.FUNCTIONS))
        chosen = own or set(codes)
        selected = self.params.unit if self.params else self.request.form.get("unit")
        return [
            {
                "code": code,
                "title": self.reader.unit_title(code),
                "selected": code == selected,
            }
            for code in sorted(chosen, key=self.reader.unit_title)
        ]

    def filters(self) -> dict:
        form = self.request.form
        params = self.params
        return {
            "year": params.year if params else form.get("year", ""),
            # As typed, when the page could not use them.
            "from": params.start.isoformat()
            if params and params.start
            else ("" if params else single(form, "from") or ""),
            "to": params.end.isoformat()
            if params and params.end
            else ("" if params else single(form, "to") or ""),
            "secret": bool(params and params.secret),
        }

    def query_string(self, **changes) -> str:
        params = self.params
        values = {
            "unit": params.unit,
            "year": params.year,
            "from": params.start.isoformat() if params.start else None,
            "to": params.end.isoformat() if params.end else None,
            "secret": "1" if params.secret else None,
        }
        values.update(changes)
        return urlencode({k: v for k, v in values.items() if v is not None})

    def back_url(self) -> str:
        """The clerk's page of waiting work, where the site's menu is."""
        return f"{api.portal.get().absolute_url()}/my-work"

    def tabs(self):
        base = self.context.absolute_url()
        query_text = self.query_string() if self.params else ""
        return [
            {
                "label": self.tr(label),
                "url": f"{base}/@@register-{kind}"
                + (f"?{query_text}" if query_text else ""),
                "current": kind == self.kind,
            }
            for kind, label in KIND_LABELS.items()
        ]

    def xlsx_url(self):
        if not self.params:
            return None
        return (
            f"{self.context.absolute_url()}/@@register-{self.kind}.xlsx?"
            f"{self.query_string()}"
        )

    def pages(self):
        """Previous and next page links (``None`` where there is none)."""
        if not self.params:
            return {}
        base = f"{self.context.absolute_url()}/@@register-{self.kind}"
        previous = following = None
        if self.first > 0:
            previous = f"{base}?" + self.query_string(
                b_start=max(self.first - self.size, 0), b_size=self.size
            )
        if self.first + self.size < self.total:
            following = f"{base}?" + self.query_string(
                b_start=self.first + self.size, b_size=self.size
            )
        return {"previous": previous, "next": following}

    def count(self):
        return self.tr(
            _(
                "register_count",
                default="${total} entries; this page shows ${first}–${last}.",
                mapping={
                    "total": self.total,
                    "first": self.first + 1 if self.rows else 0,
                    "last": self.first + len(self.rows),
                },
            )
        )


class OutgoingRegister(RegisterPage):
    kind = rr.OUTGOING


class IncomingRegister(RegisterPage):
    kind = rr.INCOMING


class FollowUpRegister(RegisterPage):
    kind = rr.FOLLOW_UP
