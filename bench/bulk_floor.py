"""What a bulk-loaded dossier would cost in a catalogue of the dossiers' own:
a measurement for a design decision, not a mode of the product
(docs/benchmarks.md, "The bulk load, fourth pass"). The decision taken
(fifth pass): dossiers stay in the site's catalogue but are written to
their own indexes only (``dossiers/catalogue.py``); the variant ``site``
now measures that loader.

Until then the loader wrote each dossier into the site's catalogue: 90
indexes and 85 metadata columns, most of them for other types or for
Plone's own pages. A dossier needs about twenty indexes and twenty columns
(``INDEXES``, ``COLUMNS``). This script loads dossiers as
``dossiers.bulk.bulk_load`` does, but writes only the chosen indexes and
columns into the catalogue that already holds the kept instance's dossiers. The catalogue's size, its
buckets and the object cache are then those of a full one. What it measures
is a floor: a real dossier catalogue would add the cost of its own
``catalog_object`` and of routing the indexing queue to it.

It changes the catalogue's columns for good. **Run it on a throw-away copy**
of an instance kept by ``bench/dossiers.py --keep``, upgraded to the current
profile (``bench/dossiers.py --reuse`` does that):

    INSTANCE_HOME=DIR .venv/bin/zconsole run DIR/etc/zope.conf \
        bench/bulk_floor.py VARIANT YEAR [WARM] [BATCH] [BATCHES]

VARIANT is ``site`` (the loader as it is), ``own`` (``INDEXES`` and
``COLUMNS`` only) or ``own+search`` (``own``, plus what stock ``@search``
needs to find a dossier by its code). YEAR is a year no earlier run on the
copy has loaded (the codes would repeat). Loads WARM dossiers first (5,000),
then BATCHES batches of BATCH (3 of 5,000), each its own transaction, as
``bench/dossiers.py`` does, and prints the rate and the CPU per dossier.
Compare variants on copies of the same instance, run one after another.
"""

from datetime import datetime
from dienbien.policy.dossiers import bulk
from plone import api
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import os
import sys
import time
import transaction


# zconsole gives no __file__: this script's folder is found by its name.
here = next(a for a in sys.argv if a.endswith("bulk_floor.py"))
sys.path.insert(0, os.path.dirname(os.path.abspath(here)))
from dossier_records import make_records  # noqa: E402


#: What the dossiers are searched, sorted and filtered by: the desk's
#: listings, the lookup, the statistics, the reorganisation of units,
#: security (``allowedRolesAndUsers``, ``path``) and the UID.
INDEXES = (
    "UID",
    "path",
    "allowedRolesAndUsers",
    "review_state",
    "portal_type",
    "getId",
    "created",
    "modified",
    "dossier_code",
    "dossier_receiving_unit",
    "dossier_handling_unit",
    "dossier_units",
    "dossier_procedure",
    "dossier_field",
    "dossier_channel",
    "dossier_appointment",
    "dossier_accepted",
    "dossier_applicant",
    "dossier_open_months",
)
#: What the dossiers' listings and statistics read from a brain.
COLUMNS = (
    "UID",
    "getId",
    "id",
    "Title",
    "portal_type",
    "review_state",
    "created",
    "modified",
    "dossier_code",
    "dossier_receiving_unit",
    "dossier_handling_unit",
    "dossier_procedure",
    "dossier_field",
    "dossier_channel",
    "dossier_appointment",
    "dossier_accepted",
    "dossier_facts",
)
#: What stock ``@search?SearchableText=<code>`` needs besides: the text,
#: and the date range Plone adds for users who may not see inactive content.
SEARCH_INDEXES = ("SearchableText", "Title", "effectiveRange")
SEARCH_COLUMNS = ("Description",)

VARIANTS = {
    "own": (INDEXES, COLUMNS),
    "own+search": (INDEXES + SEARCH_INDEXES, COLUMNS + SEARCH_COLUMNS),
}


def only(catalog, indexes, columns):
    """A stand-in for the loader's ``_index`` writing the dossiers into
    ``indexes`` and ``columns`` of ``catalog``, as ``Catalog.catalogObject``
    writes a new object."""
    records = catalog._catalog
    records.names = tuple(columns)
    chosen = [records.getIndex(name) for name in indexes]

    def index(catalog, dossiers, memo):
        for dossier in dossiers:
            wrapper = bulk._LoadWrapper(dossier, catalog, memo)
            path = "/".join(dossier.getPhysicalPath())
            rid = records.updateMetadata(wrapper, path, None)
            records._length.change(1)
            records.uids[path] = rid
            records.paths[rid] = path
            for one in chosen:
                one.index_object(rid, wrapper, None)

    return index


arguments = sys.argv[sys.argv.index(here) + 1 :]
variant, year = arguments[0], int(arguments[1])
warm = int(arguments[2]) if len(arguments) > 2 else 5000
batch = int(arguments[3]) if len(arguments) > 3 else 5000
batches = int(arguments[4]) if len(arguments) > 4 else 3
if variant != "site" and variant not in VARIANTS:
    sys.exit(f"VARIANT is site, {' or '.join(VARIANTS)}")

app = makerequest(app)  # noqa: F821 (zconsole's)
portal = app.dienbien
setSite(portal)
folder = portal["ho-so"]
records = list(
    make_records(
        portal,
        warm + batch * batches,
        1,
        end=datetime(year, 12, 30, 17, 0),
        now=datetime(year + 1, 1, 1),
    )
)
catalog = api.portal.get_tool("portal_catalog")
if variant in VARIANTS:
    bulk._index = only(catalog, *VARIANTS[variant])

commits = []
real_commit = transaction.commit


def timed_commit():
    begun = time.perf_counter()
    real_commit()
    commits.append(time.perf_counter() - begun)


with api.env.adopt_roles(["Manager"]):
    bulk.bulk_load(folder, records[:warm], batch_size=warm)
    transaction.commit = timed_commit
    started, cpu = time.perf_counter(), time.process_time()
    bulk.bulk_load(folder, records[warm:], batch_size=batch)
    wall, cpu = time.perf_counter() - started, time.process_time() - cpu
transaction.commit = real_commit
count = batch * batches
print(
    f"{variant}: {count} dossiers in {wall:.1f} s = {count / wall:.0f}/s; "
    f"CPU {cpu / count * 1000:.3f} ms a dossier, "
    f"committing {sum(commits) / count * 1000:.3f} ms (wall)"
)
