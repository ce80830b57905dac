"""Demo: sample exchange identifiers on the demo units, sample external
organisations in the address book, and sample edXML packages they send to
the demo units (``data/demo/exchange.json``; invented, marked as samples
there and in the address book's description).

The packages are not stored in the site: ``load_samples`` records the day
the demo was made (an annotation of the site), and ``sample_packages``
writes them from it whenever asked — the same bytes each time. They are
offered on ``@@edxml-upload`` (one button each) and written by
``make create-site`` into the instance's inbox folder,
``var/exchange/inbox/``, which becomes the site's exchange inbox when it has
none (``write_inbox``).
"""

from dienbien.policy import clock
from dienbien.policy.core.exchange import samples
from dienbien.policy.core.exchange.package import Organ
from dienbien.policy.exchange.addressbook import ADDRESS_BOOK_PATH
from dienbien.policy.orgunits.lookup import unit_objects
from plone import api
from plone.dexterity.utils import createContentInContainer
from zope.annotation.interfaces import IAnnotations

import functools
import json
import pathlib


DATA = pathlib.Path(__file__).parent.parent / "data" / "demo" / "exchange.json"
#: The day the sample packages are dated back from; absent: no samples.
ANCHOR_KEY = "dienbien.policy.exchange.sample_anchor"
BOOK_DESCRIPTION = (
    "Dữ liệu mẫu của bản trình diễn: các cơ quan, mã định danh và địa chỉ "
    "dưới đây là giả định."
)


def sample_data() -> dict:
    return json.loads(DATA.read_text("utf-8"))


def load_organ_ids(portal) -> int:
    """Set the sample ``organ_id`` of each demo unit that has none; the
    number set."""
    ids = sample_data()["organ_ids"]
    done = 0
    for unit in unit_objects(portal):
        sample = ids.get(unit.code)
        if sample and not getattr(unit, "organ_id", None):
            unit.organ_id = sample
            done += 1
    return done


def load_samples(portal, today=None) -> int:
    """Fill the address book with the sample organisations it lacks (by
    identifier) and date the sample packages from ``today`` (once); the
    number of organisations added."""
    data = sample_data()
    book = portal[ADDRESS_BOOK_PATH]
    known = {getattr(entry, "organ_id", None) for entry in book.objectValues()}
    added = 0
    for organ in samples.sample_organisations(data):
        if organ.organ_id in known:
            continue
        createContentInContainer(
            book,
            "ExternalOrganisation",
            checkConstraints=False,
            title=organ.name,
            organ_id=organ.organ_id,
            address=organ.address,
            email=organ.email,
            telephone=organ.telephone,
        )
        added += 1
    if added:
        book.description = BOOK_DESCRIPTION
        book.reindexObject()
    annotations = IAnnotations(portal)
    if ANCHOR_KEY not in annotations:
        annotations[ANCHOR_KEY] = (today or clock.now()).date()
    return added


def sample_packages(portal=None) -> list[samples.SamplePackage]:
    """The demo's sample packages (none on a site that is not a demo)."""
    portal = portal if portal is not None else api.portal.get()
    anchor = IAnnotations(portal).get(ANCHOR_KEY)
    if anchor is None:
        return []
    units = tuple(
        (unit.code, unit.organ_id, unit.title)
        for unit in unit_objects(portal)
        if getattr(unit, "organ_id", None)
    )
    return list(_packages(anchor, units))


@functools.lru_cache(maxsize=4)
def _packages(anchor, units: tuple) -> tuple:
    # The upload page asks on every view; the .docx files take ~40 ms each.
    organs = {code: Organ(organ_id, title) for code, organ_id, title in units}
    return tuple(samples.sample_packages(sample_data(), organs, anchor))


def write_inbox(portal, folder: pathlib.Path) -> list[pathlib.Path]:
    """Write the sample packages into ``folder`` (made if missing) and make
    it the site's exchange inbox when none is set, so that the receive step
    (``@@edxml-receive``, ``make exchange-receive``) finds them."""
    from dienbien.policy.exchange.transport import INBOX

    folder.mkdir(parents=True, exist_ok=True)
    if not (api.portal.get_registry_record(INBOX, default=None) or "").strip():
        api.portal.set_registry_record(INBOX, str(folder.resolve()))
    written = []
    for package in sample_packages(portal):
        path = folder / package.filename
        path.write_bytes(package.build())
        written.append(path)
    return written
