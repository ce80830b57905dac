"""The hand-over log (Mẫu 05): every step, with time, actor, units and note.

Kept in an annotation of the dossier as a list of plain dicts; appended by
the lifecycle handlers and the apology service, read by ``@handover-log``,
the public status lookup (unit and time only) and the slips.
"""

from datetime import datetime
from persistent.list import PersistentList
from zope.annotation.interfaces import IAnnotations


KEY = "dienbien.policy.handover_log"


def entries(dossier) -> list[dict]:
    return list(IAnnotations(dossier).get(KEY, ()))


def append(
    dossier,
    *,
    when: datetime,
    actor: str,
    action: str,
    from_state: str,
    to_state: str,
    from_unit: str | None,
    to_unit: str | None,
    note: str = "",
    timeliness: str | None = None,
    appointment: datetime | None = None,
    papers: list[str] | None = None,
    amount: int | None = None,
) -> dict:
    annotations = IAnnotations(dossier)
    log = annotations.get(KEY)
    if log is None:
        log = annotations[KEY] = PersistentList()
    entry = {
        "time": when,
        "actor": actor,
        "action": action,
        "from_state": from_state,
        "to_state": to_state,
        "from_unit": from_unit,
        "to_unit": to_unit,
        "note": note,
        "timeliness": timeliness,
        "appointment": appointment,
    }
    # Only the steps that have them carry these keys.
    if papers is not None:
        entry["papers"] = list(papers)
    if amount is not None:
        entry["amount"] = amount
    log.append(entry)
    return entry
