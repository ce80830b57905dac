"""The main database's storage as ``zope.conf`` configures it.

Read with Zope's own configuration schema (the very parsing the server
does), so ``%define``, ``$(INSTANCE_HOME)`` and a RelStorage section with
``%import relstorage`` mean here what they mean to the server.
"""

from dataclasses import dataclass

import pathlib
import re


@dataclass(frozen=True)
class FileStorage:
    path: pathlib.Path
    blob_dir: pathlib.Path | None


@dataclass(frozen=True)
class RelStorage:
    """RelStorage on PostgreSQL. Without ``shared_blob_dir`` the blobs live
    in the database and ``blob_dir`` is only this host's cache of them."""

    dsn: str
    blob_dir: pathlib.Path | None
    shared_blob_dir: bool
    cache_local_dir: pathlib.Path | None
    section: str  # the <relstorage> section's text, for zodbpack


def read(zope_conf) -> FileStorage | RelStorage:
    """The storage of the database mounted at ``/`` in ``zope_conf``."""
    from Zope2.Startup import options

    zope_conf = pathlib.Path(zope_conf)
    root = options.ZopeWSGIOptions(configfile=str(zope_conf))().configroot
    database = next(
        db for db in root.databases if "/" in (db.config.mount_points or ["/"])
    )
    factory = database.config.storage
    config = factory.config
    kind = type(factory).__name__
    if kind == "FileStorage":
        return FileStorage(
            path=pathlib.Path(config.path),
            blob_dir=pathlib.Path(config.blob_dir) if config.blob_dir else None,
        )
    if kind == "RelStorageFactory":
        adapter = config.adapter
        if type(adapter).__name__ != "PostgreSQLAdapterFactory":
            raise SystemExit("Only RelStorage on PostgreSQL is supported.")
        return RelStorage(
            dsn=adapter.config.dsn,
            blob_dir=pathlib.Path(config.blob_dir) if config.blob_dir else None,
            shared_blob_dir=bool(config.shared_blob_dir),
            cache_local_dir=(
                pathlib.Path(config.cache_local_dir) if config.cache_local_dir else None
            ),
            section=relstorage_section(zope_conf.read_text("utf-8"), zope_conf.parent),
        )
    raise SystemExit(f"Unsupported storage in {zope_conf}: {kind}")


def relstorage_section(text: str, folder: pathlib.Path | None = None) -> str:
    """A stand-alone ZConfig file with the ``<relstorage>`` section of
    ``text`` and the ``%define`` lines it may use: what ``zodbpack`` reads,
    taken from the server's own configuration so that the two never
    disagree. With ``folder`` (the file's), its ``%include`` files are read
    too: the cluster's zope.conf includes storage-relstorage.conf."""
    lines = _inlined(text, folder, {}) if folder else text.splitlines()
    defines = [line for line in lines if line.strip().startswith("%define")]
    section, depth = [], 0
    for line in lines:
        stripped = line.strip()
        if re.match(r"<relstorage(\s|>)", stripped, re.IGNORECASE):
            depth += 1
        if depth:
            section.append(line)
        if re.match(r"</relstorage\s*>", stripped, re.IGNORECASE):
            depth -= 1
            if not depth:
                break
    return "\n".join(["%import relstorage", *defines, "", *section, ""])


def _inlined(text: str, folder: pathlib.Path, defines: dict) -> list[str]:
    """The lines of ``text`` with each ``%include`` replaced by the lines of
    the file it names, ``$NAME`` taken from the ``%define`` lines before it
    (ZConfig's names are not case-sensitive)."""
    lines = []
    for line in text.splitlines():
        stripped = line.strip()
        defined = re.match(r"%define\s+(\w+)\s*(.*)$", stripped, re.IGNORECASE)
        if defined:
            defines[defined[1].lower()] = defined[2]
        included = re.match(r"%include\s+(\S+)$", stripped, re.IGNORECASE)
        if included:
            name = re.sub(
                r"\$\{?(\w+)\}?",
                lambda name: defines.get(name[1].lower(), name[0]),
                included[1],
            )
            path = folder / name
            lines.extend(_inlined(path.read_text("utf-8"), path.parent, defines))
        else:
            lines.append(line)
    return lines
