"""Where a bulk-loaded dossier's time goes, on an instance kept by
``bench/dossiers.py --keep`` (a zconsole script; it commits, so run it on a
copy of the kept Data.fs):

    INSTANCE_HOME=DIR .venv/bin/zconsole run DIR/etc/zope.conf \
        bench/bulk_profile.py [WARM] [COUNT] [OUT.prof]

Makes WARM + COUNT records of 2030 (no code of the kept dossiers repeats),
loads WARM of them first so that the catalog's buckets are in memory as in
the middle of a long load, then COUNT in one batch (one transaction) with
the clock running, under cProfile when OUT.prof is given. Prints the cost
per dossier of making the records, of building and indexing them, and of
the commit.
"""

from datetime import datetime
from dienbien.policy.dossiers.bulk import bulk_load
from plone import api
from Testing.makerequest import makerequest
from zope.component.hooks import setSite

import cProfile
import os
import sys
import time
import transaction


# zconsole gives no __file__: this script's folder is found by its name.
here = next(a for a in sys.argv if a.endswith("bulk_profile.py"))
sys.path.insert(0, os.path.dirname(os.path.abspath(here)))
from dossier_records import make_records  # noqa: E402


arguments = sys.argv[sys.argv.index(here) + 1 :]
warm = int(arguments[0]) if arguments else 2000
count = int(arguments[1]) if len(arguments) > 1 else 5000
out = arguments[2] if len(arguments) > 2 else None

app = makerequest(app)  # noqa: F821 (zconsole's)
portal = app.dienbien
setSite(portal)
folder = portal["ho-so"]

started = time.perf_counter()
records = list(
    make_records(
        portal,
        warm + count,
        1,
        end=datetime(2030, 12, 30, 17, 0),
        now=datetime(2031, 1, 1),
    )
)
made = time.perf_counter() - started
print(f"records made: {(made) / (warm + count) * 1000:.3f} ms a dossier")

commits = []
real_commit = transaction.commit


def timed_commit():
    begun, cpu = time.perf_counter(), time.process_time()
    real_commit()
    commits.append((time.perf_counter() - begun, time.process_time() - cpu))


transaction.commit = timed_commit
with api.env.adopt_roles(["Manager"]):
    bulk_load(folder, records[:warm], batch_size=warm)
    commits.clear()
    profile = cProfile.Profile() if out else None
    started, cpu = time.perf_counter(), time.process_time()
    if profile:
        profile.enable()
    bulk_load(folder, records[warm:], batch_size=count)
    if profile:
        profile.disable()
    loaded, cpu = time.perf_counter() - started, time.process_time() - cpu
transaction.commit = real_commit
committing = sum(wall for wall, _cpu in commits)
committing_cpu = sum(cpu for _wall, cpu in commits)
print(
    f"{count} dossiers: {loaded:.1f} s = {count / loaded:.0f}/s; "
    f"per dossier {(loaded - committing) / count * 1000:.3f} ms before the commit, "
    f"{committing / count * 1000:.3f} ms committing; CPU {cpu / count * 1000:.3f} ms "
    f"of which committing {committing_cpu / count * 1000:.3f} ms"
)
if profile:
    profile.dump_stats(out)
