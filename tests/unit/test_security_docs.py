"""docs/security.md is the role map: its table and ``rolemap.xml`` say the
same, permission by permission, role by role."""

from xml.etree import ElementTree

import pathlib


ROOT = pathlib.Path(__file__).resolve().parents[2]
ROLEMAP = ROOT / "src/dienbien/policy/profiles/default/rolemap.xml"
SECURITY = ROOT / "docs/security.md"
PERMISSIONS = ROOT / "src/dienbien/policy/permissions.zcml"


def rolemap() -> dict[str, tuple[bool, set[str]]]:
    tree = ElementTree.parse(ROLEMAP)
    return {
        node.get("name"): (
            node.get("acquire") == "True",
            {role.get("name") for role in node.findall("role")},
        )
        for node in tree.getroot().iter("permission")
    }


def documented() -> dict[str, tuple[bool, set[str]]]:
    """The rows of the tables whose header starts ``| permission | acquired``
    (the main role map, and the tables of wings with local roles of their
    own, such as the work files')."""
    lines = SECURITY.read_text("utf-8").splitlines()
    starts = [
        number
        for number, line in enumerate(lines)
        if line.startswith("| permission | acquired |")
    ]
    table = {}
    for start in starts:
        header = [cell.strip() for cell in lines[start].strip("|").split("|")]
        roles = header[2:-1]
        for line in lines[start + 2 :]:
            if not line.startswith("|"):
                break
            cells = [cell.strip() for cell in line.strip("|").split("|")]
            name = cells[0].strip("`")
            given = {
                role
                for role, mark in zip(roles, cells[2:-1], strict=True)
                if mark == "✓"
            }
            table[name] = (cells[1] == "yes", given)
    return table


def test_docs_table_is_the_rolemap():
    assert documented() == rolemap()


def test_every_permission_of_ours_is_mapped():
    tree = ElementTree.parse(PERMISSIONS)
    declared = {
        node.get("title") for node in tree.getroot() if node.tag.endswith("permission")
    }
    assert declared == set(rolemap())
