"""Demo data: the sample Điện Biên organisation and its demo users.

Read from ``data/demo/*.json`` by small loaders; run by the ``demo`` profile
and safe to run again (units are imported idempotently, existing users are
left as they are).
"""

from dienbien.policy.core.orgunits import group_id
from dienbien.policy.orgunits.importer import import_units
from plone import api

import json
import pathlib


DATA = pathlib.Path(__file__).parent / "data" / "demo"


def load(portal) -> None:
    import_units(portal, (DATA / "orgunits.json").read_text("utf-8"), "json")
    load_users(json.loads((DATA / "users.json").read_text("utf-8")))


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
