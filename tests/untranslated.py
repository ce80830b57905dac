"""Plone's English messages that have no Vietnamese text in the merged
catalogues: what the Vietnamese UI must never show.

The msgids and their English defaults come from the ``.pot`` files of the
installed packages; "no Vietnamese text" is asked of zope.i18n itself (every
catalogue registered for the domain, ours first), so the answer is the one a
page gets. Needs the Zope configuration loaded (a test layer).
"""

from dataclasses import dataclass
from zope.i18n import translate

import ast
import functools
import importlib.util
import pathlib
import re


#: (domain, package, .pot path inside the package): the catalogues of the
#: classic UI's pages. plone.app.dexterity, plone.app.contenttypes,
#: plone.app.registry and plone.app.layout use the ``plone`` domain, whose
#: messages plone.app.locales collects.
CATALOGUES = (
    ("plone", "plone.app.locales", "locales/plone.pot"),
    ("plone", "Products.validation", "locales/plone.pot"),
    ("z3c.form", "z3c.form", "locales/z3c.form.pot"),
    ("plone.z3cform", "plone.z3cform", "locales/plone.z3cform.pot"),
    (
        "collective.z3cform.datagridfield",
        "collective.z3cform.datagridfield",
        "locales/collective.z3cform.datagridfield.pot",
    ),
)

#: zope.schema's validation errors (domain ``zope``), shown by z3c.form:
#: zope.schema ships no .pot, so they are read from its error classes.
ZOPE_SCHEMA_ERROR = re.compile(r'__doc__ = _\("""(.+?)"""\)')

_MISSING = object()
_VARIABLE = re.compile(r"\$\{[^}]+\}")


def _pot_entries(path: pathlib.Path):
    """(msgid, English default) of a .pot file (a small reader: the .pot
    headers of some packages upset babel's)."""
    msgid = default = None
    field = None
    for line in [*path.read_text("utf-8").splitlines(), ""]:
        if line.startswith("#. Default:"):
            default = ast.literal_eval(line[len("#. Default:") :].strip())
        elif line.startswith("msgid "):
            msgid, field = ast.literal_eval(line[6:]), "msgid"
        elif line.startswith('"') and field == "msgid":
            msgid += ast.literal_eval(line)
        elif line.startswith("msgstr"):
            field = "msgstr"
        elif not line.strip() and field:
            if msgid:
                yield msgid, default or msgid
            msgid = default = field = None


def _package_dir(name: str) -> pathlib.Path:
    spec = importlib.util.find_spec(name)
    return pathlib.Path(next(iter(spec.submodule_search_locations)))


def messages():
    """(domain, msgid, English text) of every message of CATALOGUES."""
    for domain, package, pot in CATALOGUES:
        for msgid, english in _pot_entries(_package_dir(package) / pot):
            yield domain, msgid, english
    for module in sorted(_package_dir("zope.schema").glob("*.py")):
        for msgid in ZOPE_SCHEMA_ERROR.findall(module.read_text("utf-8")):
            yield "zope", msgid, msgid


@dataclass(frozen=True)
class Untranslated:
    domain: str
    msgid: str
    english: str

    @functools.cached_property
    def pattern(self):
        """The English text with each ``${variable}`` matching anything."""
        parts = _VARIABLE.split(" ".join(self.english.split()))
        return re.compile("(?:.+)".join(re.escape(part) for part in parts))


def _vietnamese(domain, msgid):
    text = translate(msgid, domain=domain, target_language="vi", default=_MISSING)
    return None if text is _MISSING else text


def _worth_checking(english: str) -> bool:
    """English a person would read: three letters or more once the variables
    are taken out (not "${number}", "*", or "${start} to ${end}", whose
    " to " would match too much)."""
    return len(re.findall(r"[A-Za-z]", _VARIABLE.sub("", english))) >= 3


def _segments(english: str):
    """The English texts a message shows: a message with markup shows each
    run of text between its tags as its own text node; a run is kept when
    it reads as a phrase (three words or more)."""
    if "<" not in english:
        yield english
        return
    for run in re.split(r"<[^>]+>", english):
        if len(run.split()) >= 3:
            yield run.strip()


@functools.lru_cache(maxsize=1)
def catalogue_state():
    """(untranslated messages, Vietnamese texts of the translated ones)."""
    untranslated, vietnamese = [], set()
    for domain, msgid, english in messages():
        text = _vietnamese(domain, msgid)
        if text is None:
            for segment in _segments(english):
                if _worth_checking(segment):
                    untranslated.append(Untranslated(domain, msgid, segment))
        else:
            vietnamese.add(" ".join(text.split()))
    return untranslated, frozenset(vietnamese)


def english_in(texts):
    """The visible texts that are untranslated English of those catalogues:
    ``[(text, Untranslated), ...]``. A text that is also the Vietnamese of a
    translated message ("Email", "PDF") is not English left over."""
    untranslated, vietnamese = catalogue_state()
    exact = {}
    templated = []
    for message in untranslated:
        normal = " ".join(message.english.split())
        if "${" in normal:
            templated.append(message)
        else:
            exact.setdefault(normal, message)
    found = []
    for raw in texts:
        text = " ".join(raw.split())
        if not text or text in vietnamese:
            continue
        message = exact.get(text) or next(
            (m for m in templated if m.pattern.fullmatch(text)), None
        )
        if message is not None:
            found.append((text, message))
    return found
