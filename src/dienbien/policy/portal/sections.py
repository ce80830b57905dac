"""The sections' page (``portal-section``) and the organisation chart."""

from dienbien.policy.clock import today
from dienbien.policy.orgunits.groups import members
from dienbien.policy.orgunits.lookup import unit_objects
from dienbien.policy.orgunits.orgunit import all_units
from dienbien.policy.orgunits.vocabularies import KIND_TITLES
from dienbien.policy.portal import listings
from dienbien.policy.portal.contact import contacts_of
from dienbien.policy.portal.interfaces import IAboutSection
from dienbien.policy.portal.interfaces import IDocumentsSection
from dienbien.policy.portal.interfaces import IPortalSettings
from dienbien.policy.portal.interfaces import PREFIX
from plone import api
from plone.registry.interfaces import IRegistry
from Products.Five.browser import BrowserView
from zope.component import getUtility
from zope.component import queryMultiAdapter
from zope.i18n import translate


PAGE_SIZE = 20


def portal_settings():
    return getUtility(IRegistry).forInterface(
        IPortalSettings, prefix=PREFIX, check=False
    )


class SectionView(BrowserView):
    """A section: its public items, the newest first, 20 a page; the about
    section links the organisation chart, the documents section lists the
    latest normative documents, the contact section the footer's lines."""

    def __call__(self):
        try:
            self.start = max(0, int(self.request.form.get("b_start", 0)))
        except (TypeError, ValueError):
            self.start = 0
        self.items, self.total = listings.section_items(
            self.context, PAGE_SIZE, self.start
        )
        self.portal_url = api.portal.get().absolute_url()
        # The navigation portlet would list the same items again (below
        # them, on a phone).
        self.request.set("disable_plone.leftcolumn", True)
        return self.index()

    @property
    def is_about(self) -> bool:
        return IAboutSection.providedBy(self.context)

    @property
    def is_documents(self) -> bool:
        return IDocumentsSection.providedBy(self.context)

    @property
    def is_contact(self) -> bool:
        return self.context.getId() == "lien-he"

    def answers_url(self) -> str | None:
        """The published answers (``hoi-dap``, the citizens' forms' page of
        the questions section), when the section has them."""
        view = queryMultiAdapter((self.context, self.request), name="hoi-dap")
        return f"{self.context.absolute_url()}/hoi-dap" if view is not None else None

    def legal_documents(self) -> list[dict]:
        return listings.latest_legal_documents(10)

    def settings(self):
        return portal_settings()

    def previous_url(self) -> str | None:
        if self.start <= 0:
            return None
        return f"{self.context.absolute_url()}?b_start={max(0, self.start - PAGE_SIZE)}"

    def next_url(self) -> str | None:
        if self.start + PAGE_SIZE >= self.total:
            return None
        return f"{self.context.absolute_url()}?b_start={self.start + PAGE_SIZE}"


class OrganisationChart(BrowserView):
    """``/gioi-thieu/co-cau-to-chuc``: the units that exist today as a tree,
    each with its kind and its leaders, read from the OrgUnits at every
    request: a unit added, renamed, moved or retired shows at once."""

    def __call__(self):
        day = today()
        units = {
            code: unit
            for code, unit in all_units(api.portal.get()).items()
            if unit.active_on(day)
        }
        children = {}
        for unit in units.values():
            parent = unit.parent if unit.parent in units else None
            children.setdefault(parent, []).append(unit)
        for siblings in children.values():
            siblings.sort(key=lambda unit: unit.code)
        self.children = children
        self.contacts = {
            getattr(obj, "code", None): contacts_of(obj)
            for obj in unit_objects(api.portal.get())
        }
        self.kinds = {
            kind: translate(title, context=self.request)
            for kind, title in KIND_TITLES.items()
        }
        return self.index()

    def roots(self):
        return self.children.get(None, [])

    def below(self, unit):
        return self.children.get(unit.code, [])

    def leaders(self, unit) -> list[str]:
        names = []
        for member_id in members(unit.code, "leader"):
            user = api.user.get(userid=member_id)
            if user is not None:
                names.append(user.getProperty("fullname") or member_id)
        return sorted(names)

    def title(self) -> str:
        from dienbien.policy import _

        return translate(
            _("orgchart_title", default="Organisation chart"), context=self.request
        )
