"""Staff find a dossier by its applicant: the ``dossier_applicant`` index.

The index holds the keyed hashes of the applicant's search terms
(``core.applicants``), never the name, phone or ID number in clear, and no
metadata column carries them. Like every dossier index it is filtered by the
catalog's ``allowedRolesAndUsers``: anonymous users, ``@search`` and Plone's
site search by people of other units never reach a dossier through it, and
without the site's key nobody can make a term to look for.

The key is random, made once per site and kept in an annotation of the site
root (not in the registry, which ``@registry`` and the control panels show).
"""

from dienbien.policy.core.applicants import applicant_terms
from dienbien.policy.core.applicants import hashed
from dienbien.policy.core.applicants import query_terms
from plone import api
from zope.annotation.interfaces import IAnnotations

import secrets


KEY = "dienbien.policy.applicant_search_key"
INDEX = "dossier_applicant"


def site_key(create: bool = False) -> bytes | None:
    annotations = IAnnotations(api.portal.get())
    key = annotations.get(KEY)
    if key is None and create:
        key = annotations[KEY] = secrets.token_bytes(32)
    return key


def dossier_terms(dossier, key: bytes | None = None) -> list[str]:
    """What the index keeps of a dossier (indexing writes anyway: the key is
    made on the first one). ``key``: the site's, when the caller has it
    (the bulk loader asks once per load)."""
    terms = applicant_terms(
        dossier.applicant_name or "",
        dossier.applicant_phone or "",
        dossier.applicant_id_number or "",
    )
    if not terms:
        return []
    return hashed(terms, key or site_key(create=True))


def catalog_query(text: str) -> dict | None:
    """The catalog query for a staff search (None: nothing to look for)."""
    terms = query_terms(text)
    key = site_key()
    if not terms:
        return None
    if key is None:  # no dossier indexed yet: a term nothing carries
        return {INDEX: {"query": ["-"], "operator": "and"}}
    return {INDEX: {"query": hashed(terms, key), "operator": "and"}}
