"""scripts/create_site.py against a real, throw-away Zope instance."""

from conftest import profile_version
from conftest import ROOT
from conftest import zconsole

import json


CHECK = """
from zope.component.hooks import setSite
import json
portal = app.dienbien
setSite(portal)
from plone import api
from plone.base.utils import get_installer
print("STATE " + json.dumps({
    "title": portal.title,
    "language": api.portal.get_default_language(),
    "units": len(portal["to-chuc"].objectIds()),
    "marker": portal.get("marker") is not None,
    "installed": get_installer(portal).is_product_installed("dienbien.policy"),
    "users": sorted(u.getId() for u in api.user.get_users() if "." in u.getId()),
}))
"""


def state(instance, tmp_path):
    script = tmp_path / "check.py"
    script.write_text(CHECK)
    out = zconsole(instance, script)
    line = next(line for line in out.splitlines() if line.startswith("STATE "))
    return json.loads(line[len("STATE ") :])


def test_create_rerun_and_recreate(instance, tmp_path):
    create = ROOT / "scripts" / "create_site.py"
    out = zconsole(instance, create)
    assert "Created site 'dienbien'" in out
    first = state(instance, tmp_path)
    assert first["title"] == "Cổng thông tin điện tử huyện Điện Biên"
    assert first["language"] == "vi"
    assert first["units"] == 35
    assert first["installed"] is True
    assert "motcua.huyen" in first["users"]
    # The demo's sample edXML packages wait in the instance's inbox folder.
    inbox = sorted(path.name for path in (instance / "var/exchange/inbox").iterdir())
    assert inbox[0] == "01-so-noi-vu-cong-van.xml" and len(inbox) == 4

    # Mark the site, run again: the site is left as it is.
    marker = tmp_path / "mark.py"
    marker.write_text(
        "import transaction\n"
        "from zope.component.hooks import setSite\n"
        "setSite(app.dienbien)\n"
        "app.dienbien.invokeFactory('Document', 'marker')\n"
        "transaction.commit()\n"
    )
    zconsole(instance, marker)
    out = zconsole(instance, create)
    assert "exists; leaving it as it is" in out
    assert state(instance, tmp_path)["marker"] is True

    # --recreate rebuilds from scratch.
    out = zconsole(instance, create, "--recreate")
    assert "Deleted site 'dienbien'" in out
    rebuilt = state(instance, tmp_path)
    assert rebuilt["marker"] is False
    assert rebuilt["units"] == 35


def test_upgrade_script(instance, tmp_path):
    """scripts/upgrade.py brings a site made at an older profile version up
    to date, then has nothing left to do."""
    zconsole(instance, ROOT / "scripts" / "create_site.py")
    downgrade = tmp_path / "downgrade.py"
    downgrade.write_text(
        "import transaction\n"
        "from zope.component.hooks import setSite\n"
        "setSite(app.dienbien)\n"
        "app.dienbien.portal_setup.setLastVersionForProfile("
        "'dienbien.policy:default', '1000')\n"
        "transaction.commit()\n"
    )
    zconsole(instance, downgrade)
    upgrade = ROOT / "scripts" / "upgrade.py"
    version = profile_version()
    assert f"from 1000 to {version}" in zconsole(instance, upgrade)
    assert f"is up to date ({version})" in zconsole(instance, upgrade)
