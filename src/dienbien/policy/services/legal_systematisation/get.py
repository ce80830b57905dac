"""``GET /@legal-documents/systematisation?period=2019-2023&issuer=``: the
lists of a systematisation period at its reference date (31 December of its
last year) — in force; expired or suspended, wholly or partly; to be
amended or replaced (marked by the reviewer) — as JSON, or as .xlsx/.docx
annexes (``format=`` or ``Accept:``). Anyone may read it. See docs/api.md."""

from dienbien.policy.legal import annex
from dienbien.policy.legal.lists import check_systematisation
from dienbien.policy.legal.lists import RegisterLists
from dienbien.policy.services.errors import bad_request


def reply(service):
    request = service.request
    params, errors = check_systematisation(service.context, request)
    if errors:
        return bad_request(request, errors)
    data = RegisterLists(service.context, request).systematisation(params)
    if params.format != "json":
        body, name = annex.systematisation_file(data, params, request)
        return annex.send(request, body, name, params.format)
    return {"@id": service.canonical_url(), **data}
