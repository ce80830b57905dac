"""Folder contents in the user's language, down to its sorting hints.

Plone's folder contents (mockup's structure pattern) sorts its columns with
DataTables, which tells screen readers how to sort each column header
(": Activate to sort" …) in English: those words are DataTables' own
defaults and belong to no translation domain. The pattern hands its
``datatables_options`` to DataTables, so this view, Plone's own otherwise,
gives it the words in the user's language.
"""

from dienbien.policy import _
from plone.app.content.browser import contents
from plone.app.content.browser.contents import FolderContentsView
from plone.app.content.utils import json_dumps
from Products.Five.browser.pagetemplatefile import ViewPageTemplateFile
from zope.i18n import translate

import pathlib


#: DataTables' ``language.aria`` keys: what a column header's label gets
#: appended with, by how the column is sorted now.
SORTING_HINTS = {
    "orderable": _("datatables_orderable", default=": Activate to sort"),
    "orderableReverse": _(
        "datatables_orderable_reverse", default=": Activate to invert sorting"
    ),
    "orderableRemove": _(
        "datatables_orderable_remove", default=": Activate to remove sorting"
    ),
}


class FolderContents(FolderContentsView):
    """Plone's ``folder_contents``, its table's sorting hints translated."""

    index = ViewPageTemplateFile(
        str(pathlib.Path(contents.__file__).parent / "templates" / "folder_contents.pt")
    )

    def get_options(self):
        options = super().get_options()
        hints = {
            key: translate(message, context=self.request)
            for key, message in SORTING_HINTS.items()
        }
        datatables = dict(options.get("datatables_options") or {})
        datatables["language"] = {"aria": hints}
        options["datatables_options"] = datatables
        return options

    def __call__(self):
        self.options = json_dumps(self.get_options())
        return self.index()
