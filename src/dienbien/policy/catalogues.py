"""``<dienbien:registerTranslations directory="locales" />``: our catalogues
first.

zope.i18n merges every catalogue registered for a domain and language into
one list and answers from the first catalogue that holds the message
(``TranslationDomain._recursive_translate``). ``i18n:registerTranslations``
appends, and Products.CMFPlone registers plone.app.locales before any add-on,
so an add-on's ``plone`` catalogue could only fill the messages Plone's
Vietnamese catalogue leaves empty (compiled catalogues skip empty ones), never
correct one it translates. This directive registers the directory as
``i18n:registerTranslations`` does, then puts the catalogues read from it at
the front of their domain's list, once every package has registered its own
(a late action). Catalogues registered afterwards (a later add-on) still go
behind ours.
"""

from zope.component import getUtilitiesFor
from zope.configuration.fields import Path
from zope.i18n.interfaces import ITranslationDomain
from zope.i18n.zcml import registerTranslations as register
from zope.interface import Interface

import os


#: Runs after the default-order actions, every registerTranslations among them.
LATE = 100


class IRegisterTranslationsFirst(Interface):
    directory = Path(
        title="Directory",
        description="Directory holding LANG/LC_MESSAGES/DOMAIN.po catalogues",
        required=True,
    )


def put_first(directory: str) -> None:
    """Move the catalogues read from ``directory`` to the front of every
    domain's per-language list (a stable sort keeps the others' order)."""
    ours = os.path.normpath(directory) + os.sep
    for _name, domain in getUtilitiesFor(ITranslationDomain):
        info = getattr(domain, "getCatalogsInfo", None)
        if info is None:  # not a zope.i18n TranslationDomain: nothing merged
            continue
        for names in info().values():
            names.sort(key=lambda name: not str(name).startswith(ours))


def register_translations_first(_context, directory):
    register(_context, directory)
    _context.action(
        discriminator=("dienbien:registerTranslations", directory),
        callable=put_first,
        args=(directory,),
        order=LATE,
    )
