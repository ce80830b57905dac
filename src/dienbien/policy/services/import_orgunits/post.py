"""``POST /@import-orgunits``: import units from a JSON or CSV file, all or
nothing; ``dry_run`` checks only. 400 lists every problem by line and field."""

from dienbien.policy.controlpanel.imports import import_units_file
from dienbien.policy.services.imports import ImportPost


class ImportOrgUnitsPost(ImportPost):
    run = staticmethod(import_units_file)
