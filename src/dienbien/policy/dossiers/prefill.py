"""What the add form fills in once the clerk has chosen a procedure: its
handling unit, the fee and appointment of each channel it is offered on,
and its papers — the same terms ``lifecycle.accept_new`` will freeze, shown
before the dossier is saved."""

from dienbien.policy import _
from dienbien.policy.core.dossiers import appointment
from dienbien.policy.core.papers import PaperLine
from dienbien.policy.core.procedures import time_label
from dienbien.policy.core.reorganisation import resolve
from dienbien.policy.dossiers.lifecycle import find_procedure
from dienbien.policy.orgunits import references
from dienbien.policy.orgunits.lookup import unit_titles
from dienbien.policy.procedures.browser.catalogue import format_fee
from dienbien.policy.procedures.procedure import procedure_of
from dienbien.policy.procedures.vocabularies import CHANNEL_TITLES
from dienbien.policy.workingtime import display_time
from dienbien.policy.workingtime import same_day_cutoff
from dienbien.policy.workingtime import site_calendar
from plone import api
from zope.i18n import translate


#: Blank lines under the procedure's papers, for papers it does not list.
EXTRA_LINES = 2


def procedure_prefill(context, request, code: str, moment) -> dict | None:
    """The add form's prefill for the published procedure ``code`` received
    at ``moment``; ``None`` when no published procedure has that code."""
    obj = find_procedure(context, (code or "").strip())
    if obj is None:
        return None
    procedure = procedure_of(obj)

    def tr(message):
        return translate(message, context=request)

    calendar, cutoff = site_calendar(), same_day_cutoff()
    unit = (
        resolve(procedure.unit, references.LazySuccession()) if procedure.unit else ""
    )
    channels = []
    for terms in procedure.channels:
        template, mapping = time_label(terms.time_value, terms.time_unit)
        channels.append(
            {
                "token": terms.channel,
                "title": tr(CHANNEL_TITLES[terms.channel]),
                "fee": terms.fee,
                "fee_text": tr(format_fee(terms.fee)),
                "time": tr(_(template, mapping=mapping)),
                "appointment": display_time(
                    appointment(calendar, moment, terms, cutoff)
                ),
            }
        )
    return {
        "code": procedure.code,
        "title": procedure.title,
        "unit": {
            "code": unit,
            "title": unit_titles(api.portal.get()).get(unit, "") if unit else "",
        },
        "received": display_time(moment),
        "channels": channels,
        "papers": [
            {
                "name": component.name,
                "originals": component.originals,
                "copies": component.copies,
            }
            for component in procedure.components
        ],
    }


def procedure_papers(context, code: str) -> list[tuple[str, int, int]]:
    """The papers of the published procedure ``code``: name, originals,
    copies."""
    obj = find_procedure(context, (code or "").strip())
    if obj is None:
        return []
    return [
        (component.name, component.originals, component.copies)
        for component in procedure_of(obj).components
    ]


def submitted_lines(form: dict, prefix: str, names: list[str]) -> list[PaperLine]:
    """The paper lines of the add form as submitted under ``prefix``: the
    procedure's papers (named by the server, never by the request), then
    the blank lines the clerk may have written in."""

    def text(key):
        value = form.get(f"{prefix}.{key}", "")
        return value if isinstance(value, str) else ""

    ticked = form.get(f"{prefix}.received", [])
    if isinstance(ticked, str):
        ticked = [ticked]
    lines = [
        PaperLine(
            name=name,
            received=str(index) in ticked,
            originals=text(f"originals.{index}"),
            copies=text(f"copies.{index}"),
        )
        for index, name in enumerate(names)
    ]
    for index in range(EXTRA_LINES):
        lines.append(
            PaperLine(
                name=text(f"extra_name.{index}"),
                received=True,
                originals=text(f"extra_originals.{index}"),
                copies=text(f"extra_copies.{index}"),
            )
        )
    return lines
