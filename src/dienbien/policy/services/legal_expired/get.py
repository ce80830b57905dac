"""``GET /@legal-documents/expired?year=&issuer=``: the yearly list of the
normative documents that expired wholly or partly in a year, each once with
its grounds; as JSON, or ``format=xlsx``/``docx`` (or ``Accept:``) as the
annex to the publishing decision. Anyone may read it (published documents
only). See docs/api.md."""

from dienbien.policy.legal import annex
from dienbien.policy.legal.lists import check_expired
from dienbien.policy.legal.lists import RegisterLists
from dienbien.policy.services.errors import bad_request


def reply(service):
    request = service.request
    params, errors = check_expired(service.context, request)
    if errors:
        return bad_request(request, errors)
    data = RegisterLists(service.context, request).expired(params)
    if params.format != "json":
        body, name = annex.expired_file(data, params, request)
        return annex.send(request, body, name, params.format)
    return {"@id": service.canonical_url(), **data}
