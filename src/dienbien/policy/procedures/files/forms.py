"""The form files in the zip (``forms/<procedure code>/<form>``):
``read_forms``."""

from collections.abc import Iterable
from dienbien.policy.core.messages import Problem
from dienbien.policy.procedures.files.layout import FORM_ID
from dienbien.policy.procedures.files.layout import FORMS_FOLDER
from dienbien.policy.procedures.files.layout import Item
from dienbien.policy.procedures.files.reading import unpacked_size_ok

import io
import pathlib
import zipfile


def read_forms(data: bytes, items: Iterable[Item]) -> tuple[dict, list[Problem]]:
    """The form files a zipped CSV catalogue carries: ``{(code, form): bytes}``.

    Each must be named ``forms/<procedure code>/<form>`` by a component of
    that procedure in the same file.
    """
    named = {
        (procedure.code, component.form)
        for procedure, _state in items
        for component in procedure.components
        if component.form
    }
    forms, problems = {}, []
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return {}, []  # read_workbook has said so
    with archive:
        if not unpacked_size_ok(archive, []):
            return {}, []
        for info in sorted(archive.infolist(), key=lambda info: info.filename):
            parts = pathlib.PurePosixPath(info.filename).parts
            if info.is_dir() or "__MACOSX" in parts or FORMS_FOLDER not in parts[:-1]:
                continue
            if len(parts) < 3 or parts[-3] != FORMS_FOLDER:
                problems.append(
                    Problem(
                        "file",
                        "${path}: form files go in forms/<procedure code>/<file>.",
                        {"path": info.filename},
                        sheet=FORMS_FOLDER,
                    )
                )
                continue
            key = (parts[-2], parts[-1])
            if not FORM_ID.match(key[1]) or key not in named:
                problems.append(
                    Problem(
                        "form",
                        "${path}: no component of procedure ${code} names the "
                        "form ${form} (form names are letters, digits, dots and "
                        "dashes).",
                        {"path": info.filename, "code": key[0], "form": key[1]},
                        sheet=FORMS_FOLDER,
                    )
                )
                continue
            forms[key] = archive.read(info)
    return forms, problems
