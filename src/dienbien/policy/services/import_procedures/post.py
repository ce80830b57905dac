"""``POST /@import-procedures``: import a catalogue file (``.xlsx``, ``.zip``
of CSV, ``.json``), all or nothing; ``dry_run`` checks only. 400 lists every
problem by sheet, row and column."""

from dienbien.policy.controlpanel.imports import import_procedures_file
from dienbien.policy.services.imports import ImportPost


class ImportProceduresPost(ImportPost):
    run = staticmethod(import_procedures_file)
