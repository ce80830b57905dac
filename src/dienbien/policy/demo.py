"""Demo data: the sample Điện Biên organisation and its demo users.

Read from ``data/demo/*.json`` by small loaders; run by the ``demo`` profile
and safe to run again (units are imported idempotently, existing users are
left as they are).
"""

from dienbien.policy.core.orgunits import group_id
from dienbien.policy.correspondence.demo import load_documents
from dienbien.policy.dossiers.demo import load_dossiers
from dienbien.policy.editorial.newsroom import ensure_newsrooms
from dienbien.policy.exchange.demo import load_organ_ids
from dienbien.policy.exchange.demo import load_samples
from dienbien.policy.legal.demo import load_legal_documents
from dienbien.policy.orgunits.importer import import_units
from dienbien.policy.portal.demo import load_portal
from dienbien.policy.procedures.demo import load_procedures
from plone import api
from plone.app.textfield.value import RichTextValue

import json
import pathlib


DATA = pathlib.Path(__file__).parent / "data" / "demo"


def load(portal) -> None:
    import_units(portal, (DATA / "orgunits.json").read_text("utf-8"), "json")
    load_organ_ids(portal)
    load_users(json.loads((DATA / "users.json").read_text("utf-8")))
    load_procedures(portal)
    load_dossiers(portal)
    load_documents(portal)
    load_legal_documents(portal)
    load_samples(portal)
    load_front_page(portal, json.loads((DATA / "site.json").read_text("utf-8")))
    load_portal(portal)
    from dienbien.policy.citizenforms.demo import load_questions

    load_questions(portal)
    # The district's and the communes' newsrooms (made as the units were
    # imported, when the site had its news section already).
    ensure_newsrooms(portal)


def load_front_page(portal, data: dict) -> None:
    """The site root's text: a welcome, labelled as demonstration content."""
    html = (DATA / data["text_file"]).read_text("utf-8")
    portal.description = data["description"]
    portal.text = RichTextValue(html, "text/html", "text/x-html-safe")
    portal.reindexObject()


def load_users(data: dict) -> None:
    for entry in data["users"]:
        username = entry["username"]
        if api.user.get(username=username) is None:
            api.user.create(
                username=username,
                email=f"{username}@example.invalid",
                password=data["password"],
                properties={"fullname": entry["fullname"]},
            )
        api.group.add_user(
            groupname=group_id(entry["unit"], entry["function"]), username=username
        )
