"""Fail when a message of the dienbien.policy domain has no Vietnamese text.

Collects the msgids the code uses — ``_("id", default=...)`` calls, the core's
``Problem`` templates and time labels, and the translatable strings of the
GenericSetup profiles — and checks that ``locales/vi`` translates each one and
that ``locales/en`` and the ``.pot`` list it. Run by ``make lint``.

Our Vietnamese catalogues of other packages' domains (``plone``, ``z3c.form``…,
see ``dienbien.policy.catalogues``) are checked too: every entry translated,
once, for a msgid the installed package still has, with the same
``${variables}`` as its English text.
"""

import ast
import importlib.util
import pathlib
import re
import sys


PACKAGE = pathlib.Path(__file__).parent.parent / "src" / "dienbien" / "policy"
LOCALES = PACKAGE / "locales"


def _string(node):
    return (
        node.value
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
        else None
    )


def code_msgids() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if not isinstance(node, ast.Call) or not node.args:
                continue
            name = getattr(node.func, "id", None)
            if name == "_" and _string(node.args[0]):
                found.add(_string(node.args[0]))
            elif name == "Problem" and len(node.args) > 1 and _string(node.args[1]):
                found.add(_string(node.args[1]))
        # Message templates returned by the core (time labels and the like).
        if path.parent.name == "core":
            text = path.read_text("utf-8")
            for block in re.findall(r"templates = \{(.*?)\}", text, re.S):
                found.update(re.findall(r': "([^"\n]+)"', block))
            found.update(re.findall(r'return "([A-Z][^"\n]*)", \{\}', text))
    return found


def profile_msgids() -> set[str]:
    found = set()
    for path in (PACKAGE / "profiles").rglob("*.xml"):
        text = path.read_text("utf-8")
        found.update(re.findall(r'i18n:translate=""\s*>([^<]+)<', text))
        found.update(
            re.findall(r'title="([^"]+)"[^>]*\n?[^>]*i18n:attributes="title"', text)
        )
    return found


def template_msgids() -> dict[str, str]:
    """Explicit msgids of page templates, with their English default text."""
    found = {}
    for path in PACKAGE.rglob("*.pt"):
        text = path.read_text("utf-8")
        for msgid, default in re.findall(
            r'i18n:translate="([\w.-]+)"\s*>(.*?)</', text, re.S
        ):
            found[msgid] = " ".join(re.sub(r"<[^>]+>", "${…}", default).split())
        for pairs in re.findall(r'i18n:attributes="([^"]+)"', text):
            for pair in pairs.split(";"):
                parts = pair.split()
                if len(parts) == 2:
                    found[parts[1]] = ""
    return found


def catalogue(path: pathlib.Path) -> dict[str, str]:
    text = path.read_text("utf-8")
    pairs = re.findall(r'^msgid "(.*)"\nmsgstr "(.*)"$', text, re.M)
    return {
        msgid.replace('\\"', '"'): msgstr.replace('\\"', '"') for msgid, msgstr in pairs
    }


#: domain -> (package, its .pot files) for the domains we translate for
#: other packages; ``zope`` is zope.schema's error messages (no .pot).
FOREIGN = {
    "plone": (
        ("plone.app.locales", "locales/plone.pot"),
        ("Products.validation", "locales/plone.pot"),
    ),
    "plonelocales": (("plone.app.locales", "locales/plonelocales.pot"),),
    "widgets": (("plone.app.locales", "locales/widgets.pot"),),
    "z3c.form": (("z3c.form", "locales/z3c.form.pot"),),
    "plone.z3cform": (("plone.z3cform", "locales/plone.z3cform.pot"),),
    "collective.z3cform.datagridfield": (
        (
            "collective.z3cform.datagridfield",
            "locales/collective.z3cform.datagridfield.pot",
        ),
    ),
}
#: Date formats: their msgstr is a pattern of ${Y}, ${m}… its msgid lacks.
FORMATS = {"date_format_long", "date_format_short", "time_format"}
VARIABLE = re.compile(r"\$\{[^}]+\}|\$\w+")


def entries(path: pathlib.Path):
    """(msgid, English default or None, msgstr) of a .po/.pot file."""
    msgid = default = msgstr = field = None
    for line in [*path.read_text("utf-8").splitlines(), ""]:
        if line.startswith("#. Default:"):
            default = ast.literal_eval(line[len("#. Default:") :].strip())
        elif line.startswith("msgid "):
            msgid, field = ast.literal_eval(line[6:]), "msgid"
        elif line.startswith("msgstr "):
            msgstr, field = ast.literal_eval(line[7:]), "msgstr"
        elif line.startswith('"') and field == "msgid":
            msgid += ast.literal_eval(line)
        elif line.startswith('"') and field == "msgstr":
            msgstr += ast.literal_eval(line)
        elif not line.strip() and field:
            if msgid:
                yield msgid, default, msgstr
            msgid = default = msgstr = field = None


def _package_dir(name: str) -> pathlib.Path:
    spec = importlib.util.find_spec(name)
    return pathlib.Path(next(iter(spec.submodule_search_locations)))


def state_ids() -> set[str]:
    """The state ids of our workflows. Folder contents shows each row's
    ``review_state`` through the ``plone`` domain (mockup's structure
    pattern translates the column's value, not the state's title, as
    plone.app.locales does for Plone's "published" and "pending"), so our
    ``plone`` catalogues name the states too."""
    found = set()
    for path in (PACKAGE / "profiles" / "default" / "workflows").rglob("*.xml"):
        found.update(
            re.findall(r'<state\s+state_id="([^"]+)"', path.read_text("utf-8"))
        )
    return found


def known_messages(domain: str) -> dict[str, str]:
    """msgid -> English text of ``domain`` in the installed packages."""
    if domain == "zope":
        found = {}
        for module in _package_dir("zope.schema").glob("*.py"):
            text = module.read_text("utf-8")
            for msgid in re.findall(r'__doc__ = _\("""(.+?)"""\)', text):
                found[msgid] = msgid
        return found
    found = {}
    for package, pot in FOREIGN[domain]:
        for msgid, default, _msgstr in entries(_package_dir(package) / pot):
            found.setdefault(msgid, default or msgid)
    if domain == "plone":
        found.update((state, state) for state in state_ids() - found.keys())
    return found


def foreign_problems() -> tuple[int, list[str]]:
    count, problems = 0, []
    for po in sorted(LOCALES.glob("*/LC_MESSAGES/*.po")):
        domain = po.stem
        if domain == "dienbien.policy":
            continue
        if domain != "zope" and domain not in FOREIGN:
            problems.append(f"{po}: no source catalogue known for {domain}")
            continue
        known = known_messages(domain)
        seen = set()
        for msgid, _default, msgstr in entries(po):
            count += 1
            where = f"{po.parent.parent.name}/{po.name}: {msgid!r}"
            if msgid in seen:
                problems.append(f"{where} twice")
            seen.add(msgid)
            if msgid not in known:
                problems.append(f"{where} is not a message of {domain}")
                continue
            if not msgstr:
                problems.append(f"{where} has no translation")
            elif msgid not in FORMATS and sorted(VARIABLE.findall(msgstr)) != sorted(
                VARIABLE.findall(known[msgid])
            ):
                problems.append(f"{where}: variables differ from the English")
    return count, problems


def main() -> int:
    used = code_msgids() | profile_msgids() | set(template_msgids())
    vi = catalogue(LOCALES / "vi" / "LC_MESSAGES" / "dienbien.policy.po")
    en = catalogue(LOCALES / "en" / "LC_MESSAGES" / "dienbien.policy.po")
    pot = catalogue(LOCALES / "dienbien.policy.pot")
    problems = []
    for msgid in sorted(used):
        if not vi.get(msgid):
            problems.append(f"vi: no translation for {msgid!r}")
        if msgid not in en:
            problems.append(f"en: missing {msgid!r}")
        if msgid not in pot:
            problems.append(f"pot: missing {msgid!r}")
    foreign, more = foreign_problems()
    problems += more
    for language in ("vi", "en"):
        named = catalogue(LOCALES / language / "LC_MESSAGES" / "plone.po")
        for state in sorted(state_ids() - named.keys()):
            problems.append(f"{language}/plone.po: no name for the state {state!r}")
    for problem in problems:
        print(problem)
    print(
        f"i18n: {len(used)} messages, {foreign} of other packages' domains,"
        f" {len(problems)} problems"
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
