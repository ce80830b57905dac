"""Fail when a message of the dienbien.policy domain has no Vietnamese text.

Collects the msgids the code uses — ``_("id", default=...)`` calls, the core's
``Problem`` templates and time labels, and the translatable strings of the
GenericSetup profiles — and checks that ``locales/vi`` translates each one and
that ``locales/en`` and the ``.pot`` list it. Run by ``make lint``.
"""

import ast
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
    for problem in problems:
        print(problem)
    print(f"i18n: {len(used)} messages, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
