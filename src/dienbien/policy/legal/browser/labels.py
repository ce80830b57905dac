"""Messages about the register page's fields, named as the page names them.

The checks are shared with the REST API, whose messages name parameters
("year must be a year."); on the page the reader sees "Năm ban hành", not
``year``."""

from dienbien.policy import _
from dienbien.policy.services.errors import as_labelled


#: The labels of the search form's fields.
FILTER_LABELS = {
    "q": _("legal_search_label", default="Number, notation or words of the summary"),
    "status": _("legal_filter_status", default="Validity"),
    "on": _("legal_filter_on", default="On the day"),
    "type": _("label_document_type", default="Document type"),
    "issuer": _("label_legal_issuer", default="Issuing body"),
    "year": _("legal_filter_year", default="Year signed"),
    "field": _("label_legal_fields", default="Fields"),
}
#: The labels of the lists' download forms.
LIST_LABELS = {
    "year": _("legal_list_year", default="The year of the list of expired documents"),
    "period": _("legal_lists_systematisation", default="Systematisation of the period"),
    "issuer": _("label_legal_issuer", default="Issuing body"),
}


def field_message(name: str, message, labels: dict, request) -> str:
    """``message`` about parameter ``name``, with the field's label for its
    name: in the message when it names the field, else before it."""
    entry = as_labelled(name, message, labels, request)
    if entry["field"]:
        return f"{entry['field']}: {entry['message']}"
    return entry["message"]
