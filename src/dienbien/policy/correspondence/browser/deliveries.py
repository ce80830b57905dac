"""The sender's delivery table on an outgoing document's page: per internal
recipient unit, what became of the incoming document delivered to it
(``sending.delivery_rows``: state and time only), and, before it is sent,
why a secret document will not be delivered through the system."""

from dienbien.policy import _
from dienbien.policy.core.correspondence import delivery
from dienbien.policy.correspondence import sending
from dienbien.policy.workingtime import display_time
from plone.app.layout.viewlets.common import ViewletBase
from zope.i18n import translate


class DeliveriesViewlet(ViewletBase):
    def update(self):
        super().update()
        self.rows = [self._row(row) for row in sending.delivery_rows(self.context)]
        # Organisations outside the site among the rows: the heading says
        # more than "inside the organisation".
        self.external = any(row["external"] for row in self.rows)
        state = self._state()
        notice = sending.notice(self.context)
        # The notice matters before sending (why nothing will be delivered)
        # and after (why the table is empty).
        self.notice = (
            translate(notice, context=self.request)
            if notice is not None
            and state in ("approved", "issued", "sent")
            and sending.refusal(self.context) == delivery.SECRET
            else None
        )
        counts = delivery.summary_counts(row["status"] for row in self.rows)
        self.summary = [
            {"status": status, "title": self._title(status), "count": count}
            for status, count in counts.items()
            if count
        ]

    def available(self) -> bool:
        return bool(self.rows or self.notice)

    def _state(self) -> str | None:
        from plone import api

        return api.content.get_state(self.context, default=None)

    def _title(self, status: str) -> str:
        return sending.status_title(status, self.request)

    def _row(self, row: dict) -> dict:
        return {
            **row,
            "status_title": self._title(row["status"]),
            "delivered_text": display_time(row["delivered"]),
            "changed_text": display_time(row["changed"]),
        }

    LABELS = {
        "status": _("delivery_status", default="Status"),
        "since": _("delivery_since", default="Since"),
        "delivered": _("delivery_delivered_at", default="Delivered"),
        "note": _("delivery_note", default="Note"),
    }

    def label(self, name: str) -> str:
        """A column's name, for the phone layout that stacks the cells."""
        return translate(self.LABELS[name], context=self.request)
