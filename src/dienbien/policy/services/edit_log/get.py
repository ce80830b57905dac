"""``GET <dossier>/@edit-log``: every change made to the dossier by an edit
(who, when, field, before, after, reason), oldest first."""

from dienbien.policy.dossiers import edits
from dienbien.policy.workingtime import to_aware
from plone.restapi.services import Service


def serialize_entry(entry: dict) -> dict:
    return {**entry, "time": to_aware(entry["time"]).isoformat()}


class EditLogGet(Service):
    def reply(self):
        return {
            "@id": f"{self.context.absolute_url()}/@edit-log",
            "code": self.context.code,
            "items": [serialize_entry(entry) for entry in edits.entries(self.context)],
        }
