"""Demo: sample exchange identifiers on the demo units
(``data/demo/exchange.json``; invented, marked as samples there)."""

from dienbien.policy.orgunits.lookup import unit_objects

import json
import pathlib


DATA = pathlib.Path(__file__).parent.parent / "data" / "demo" / "exchange.json"


def load_organ_ids(portal) -> int:
    """Set the sample ``organ_id`` of each demo unit that has none; the
    number set."""
    samples = json.loads(DATA.read_text("utf-8"))["organ_ids"]
    done = 0
    for unit in unit_objects(portal):
        sample = samples.get(unit.code)
        if sample and not getattr(unit, "organ_id", None):
            unit.organ_id = sample
            done += 1
    return done
