"""``GET <dossier>/@handover-log``: every step of the dossier (Mẫu 05)."""

from dienbien.policy.dossiers import log
from dienbien.policy.workingtime import to_aware
from plone.restapi.services import Service


def serialize_entry(entry: dict) -> dict:
    return {
        key: to_aware(value).isoformat() if hasattr(value, "isoformat") else value
        for key, value in entry.items()
    }


class HandoverLogGet(Service):
    def reply(self):
        return {
            "@id": f"{self.context.absolute_url()}/@handover-log",
            "code": self.context.code,
            "items": [serialize_entry(entry) for entry in log.entries(self.context)],
        }
