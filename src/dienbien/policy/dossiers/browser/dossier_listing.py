"""The dossier folder's page for staff: the dossiers the user's units
handle, newest appointment last, with a search by applicant (name without
diacritics, a whole phone or ID number).

The search form posts (it is only a read): a name or phone typed into it
never lands in an address bar, a browser's history or an access log.
"""

from dienbien.policy.dossiers.applicants import catalog_query
from dienbien.policy.dossiers.titles import status_title
from plone import api
from Products.CMFPlone.PloneBatch import Batch
from Products.Five.browser import BrowserView


class DossierListing(BrowserView):
    PAGE = 50

    def __call__(self):
        q = self.request.form.get("q", "")
        self.query = q.strip() if isinstance(q, str) else ""
        self.no_terms = False
        return self.index()

    def results(self):
        query = {
            "portal_type": "Dossier",
            "path": "/".join(self.context.getPhysicalPath()),
            "sort_on": "dossier_appointment",
        }
        if self.query:
            applicant = catalog_query(self.query)
            if applicant is None:
                self.no_terms = True
                return []
            query.update(applicant)
        brains = api.portal.get_tool("portal_catalog")(**query)
        start = self.request.form.get("b_start", "0")
        start = int(start) if str(start).isdigit() else 0
        return Batch(brains, self.PAGE, start)

    def row(self, brain) -> dict:
        appointment = brain.dossier_appointment or ""
        return {
            "url": brain.getURL(),
            "code": brain.dossier_code,
            "title": brain.Title,
            "state": status_title(brain.review_state, self.request),
            "appointment": appointment.replace("T", " "),
        }
