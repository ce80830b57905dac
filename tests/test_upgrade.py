"""A site made with the previous release, upgraded, serves the same dossiers.

The previous release (profile 1001, before the wings) is taken from git
history: its ``src`` goes first on ``PYTHONPATH`` of a throw-away Zope
instance, which creates the demo site with it (units, procedures, sixty
dossiers in every state), so the Data.fs holds what that release wrote: the
content classes under ``dienbien.policy.content.*``, the statistics' facts as
pickled named tuples, the old schema identifiers in ``object_provides``.
That release answers ``@dossiers``, ``@dossier-stats`` and each dossier's
JSON; this one runs ``scripts/upgrade.py`` on the same Data.fs and must
answer the same, with the clock of both pinned to the same moment.
"""

from conftest import profile_version
from conftest import ROOT
from conftest import zconsole

import json
import pytest
import shutil
import subprocess


PREVIOUS_RELEASE = "fe6b982"  # "Browser tests: one log_in helper", profile 1001

# Run by both releases: what the site serves, as JSON on one line. The
# services are called as the publisher would (in the site's language), as a
# Manager; the clock is pinned (``dienbien.policy.clock`` where it exists,
# else every module that took ``now`` from the lifecycle).
SNAPSHOT = """
import json
import sys
from datetime import datetime
from plone import api
from plone.restapi.interfaces import ISerializeToJson
from plone.i18n.utility import setLanguageBinding
from Products.Five.browser import BrowserView
from Testing.makerequest import makerequest
from zope.component import getMultiAdapter
from zope.component.hooks import setSite

from dienbien.policy.dossiers import lifecycle
from dienbien.policy.services.dossier_stats.get import DossierStatsGet
from dienbien.policy.services.dossiers.get import DossiersGet

pinned = datetime.fromisoformat(sys.argv[-1])
try:  # this release reads the time from one clock
    from dienbien.policy import clock
    clock.source = lambda: pinned
except ImportError:  # the previous release took it from the lifecycle
    pass
real_now = lifecycle.now
for module in list(sys.modules.values()):
    name = getattr(module, "__name__", None) or ""
    if name.startswith("dienbien.policy") and getattr(module, "now", None) is real_now:
        module.now = lambda: pinned

portal = makerequest(app).dienbien
setSite(portal)
request = portal.REQUEST
# The publisher binds the site's language on traversal (titles are translated).
setLanguageBinding(request)


def call(service, form):
    request.form.clear()
    request.form.update(form)
    request.response.setStatus(200)
    # The class plone.rest's ZCML directive makes of the service.
    view = type(service.__name__, (service, BrowserView), {})(portal, request)
    result = view.reply()
    return request.response.getStatus(), result


# A Manager of the site (never committed: the script ends without a commit).
portal.acl_users.userFolderAddUser("upgrade-check", "a-password", ["Manager"], [])
with api.env.adopt_user(username="upgrade-check"):
    listing = call(DossiersGet, {"b_size": "100"})
    stats = {
        group_by: call(
            DossierStatsGet,
            {"from": "2020-01-01", "to": "2099-12-31", "group_by": group_by},
        )
        for group_by in ("field", "unit", "channel", "procedure")
    }
    dossiers = {}
    for brain in api.content.find(portal_type="Dossier", sort_on="id"):
        request.form.clear()
        obj = brain.getObject()
        dossiers[brain.getId] = getMultiAdapter((obj, request), ISerializeToJson)()
print("SNAPSHOT " + json.dumps(
    {"listing": listing, "stats": stats, "dossiers": dossiers},
    default=str, sort_keys=True,
))
"""

# Run by this release after the upgrade: how the data is stored now.
STORED = """
import json
from Acquisition import aq_base
from zope.component.hooks import setSite

from dienbien.policy.dossiers.dossier import Dossier
from dienbien.policy.dossiers.dossier import IDossier
from dienbien.policy.procedures.procedure import IProcedure
from dienbien.policy.procedures.procedure import ProcedureItem

portal = app.dienbien
setSite(portal)
catalog = portal.portal_catalog
table = catalog._catalog
column = table.schema["dossier_facts"]
brain = catalog.unrestrictedSearchResults(portal_type="Dossier")[0]
dossier = aq_base(brain._unrestrictedGetObject())
# Later steps (1005: the dossiers' role mappings) rewrite every dossier, and
# a rewritten record names the new path; no step writes a procedure.
brain = catalog.unrestrictedSearchResults(portal_type="Procedure")[0]
procedure = aq_base(brain._unrestrictedGetObject())
record, _serial = procedure._p_jar._storage.load(procedure._p_oid)
print("STORED " + json.dumps({
    "version": portal.portal_setup.getLastVersionForProfile("dienbien.policy:default"),
    "klass": portal.portal_types["Dossier"].klass,
    "schema": portal.portal_types["Dossier"].schema,
    "fact_types": sorted({type(r[column]).__name__ for r in table.data.values()
                          if isinstance(r[column], tuple)}),
    "by_interface": len(catalog.unrestrictedSearchResults(
        object_provides=IProcedure.__identifier__)),
    "procedures": len(catalog.unrestrictedSearchResults(portal_type="Procedure")),
    "dossiers_by_interface": len(catalog.unrestrictedSearchResults(
        object_provides=IDossier.__identifier__)),
    "dossiers": len(catalog.unrestrictedSearchResults(portal_type="Dossier")),
    "class_is_new": type(dossier) is Dossier and type(procedure) is ProcedureItem,
    "record_names_old_path": b"dienbien.policy.content.procedure" in record,
}))
"""


def _git(*args) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], capture_output=True, check=False
    )


@pytest.fixture(scope="module")
def previous_src(tmp_path_factory):
    if (
        shutil.which("git") is None
        or _git("rev-parse", "--verify", f"{PREVIOUS_RELEASE}^{{commit}}").returncode
    ):
        pytest.skip(f"needs the git history with {PREVIOUS_RELEASE}")
    target = tmp_path_factory.mktemp("previous")
    # Its own site-creation script too: today's may call code that release lacks.
    archive = _git("archive", "--format=tar", PREVIOUS_RELEASE, "src", "scripts")
    assert archive.returncode == 0, archive.stderr
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive.stdout, check=True)
    return target / "src"


def output(out: str, prefix: str):
    line = next(line for line in out.splitlines() if line.startswith(prefix))
    return json.loads(line[len(prefix) :])


def common(before, after):
    """``after`` reduced to what ``before`` had: a later release may add
    keys to an answer, never drop or change one."""
    if isinstance(before, dict) and isinstance(after, dict):
        return {key: common(value, after.get(key)) for key, value in before.items()}
    if isinstance(before, list) and isinstance(after, list):
        if len(before) != len(after):
            return after
        return [common(b, a) for b, a in zip(before, after, strict=True)]
    return after


def test_previous_release_upgraded_serves_the_same_dossiers(
    previous_src, instance, tmp_path
):
    probe = tmp_path / "probe.py"
    probe.write_text("import dienbien.policy.content.dossier as m; print(m.__file__)")
    assert str(previous_src) in zconsole(instance, probe, src=previous_src)

    previous_script = previous_src.parent / "scripts" / "create_site.py"
    zconsole(instance, previous_script, src=previous_src)
    snapshot = tmp_path / "snapshot.py"
    snapshot.write_text(SNAPSHOT)
    pinned = "2026-12-31T12:00:00"
    before = output(zconsole(instance, snapshot, pinned, src=previous_src), "SNAPSHOT ")
    status, listing = before["listing"]
    assert status == 200
    assert listing["items_total"] == len(before["dossiers"]) > 40
    assert {item["review_state"] for item in listing["items"]} >= {
        "returned",
        "processing",
    }

    status, by_field = before["stats"]["field"]
    assert status == 200
    assert by_field["total"]["received_total"] == len(before["dossiers"])

    upgrade = ROOT / "scripts" / "upgrade.py"
    version = profile_version()
    assert f"from 1001 to {version}" in zconsole(instance, upgrade)
    assert f"is up to date ({version})" in zconsole(instance, upgrade)

    stored = tmp_path / "stored.py"
    stored.write_text(STORED)
    after_upgrade = output(zconsole(instance, stored), "STORED ")
    assert after_upgrade["procedures"] > 0
    assert after_upgrade == {
        "version": [version],
        "klass": "dienbien.policy.dossiers.dossier.Dossier",
        "schema": "dienbien.policy.dossiers.dossier.IDossier",
        "fact_types": ["tuple"],
        # Our types are found by their interfaces (1002); dossiers, in
        # their own indexes only since 1031, are not.
        "by_interface": after_upgrade["procedures"],
        "procedures": after_upgrade["procedures"],
        "dossiers_by_interface": 0,
        "dossiers": len(before["dossiers"]),
        # Loaded from a record the previous release wrote, through the old
        # path that ``dienbien.policy.content`` keeps importable; step 1003
        # then stored each dossier again (its units by UID), under the new.
        "class_is_new": True,
        "record_names_old_path": False,
    }

    after = output(zconsole(instance, snapshot, pinned), "SNAPSHOT ")
    # Upgrade 1007 takes the edit lock off dossiers (their steps and edits
    # go through our forms): their lock information is empty from then on.
    for served in (before, after):
        for dossier in served["dossiers"].values():
            lock = dossier.pop("lock")
            assert lock == (
                {} if served is after else {"locked": False, "stealable": True}
            )
            # Upgrade 1030 gives the dossiers' folder a state of its own.
            parent = dossier["parent"]
            state = parent.pop("review_state")
            assert state == ("internal" if served is after else "published")
    assert common(before, after) == before
