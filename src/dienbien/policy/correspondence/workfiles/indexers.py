"""Catalog indexes and metadata of work files: the plan's unit and year,
the closing day (the archive list), the documents in each file (which files
hold a document), and what the plan's table shows."""

from dienbien.policy.core.correspondence import workfiles as rules
from dienbien.policy.correspondence.workfiles.content import IWorkFile
from plone.indexer import indexer


@indexer(IWorkFile)
def workfile_unit(obj):
    return obj.unit


@indexer(IWorkFile)
def workfile_year(obj):
    return obj.year


@indexer(IWorkFile)
def workfile_symbol(obj):
    return obj.symbol


@indexer(IWorkFile)
def workfile_order(obj):
    """Plan order across plans: year, unit, symbol (numbers as numbers)."""
    return f"{obj.year}|{obj.unit}|{rules.symbol_sort_text(obj.symbol or '')}"


@indexer(IWorkFile)
def workfile_owner(obj):
    return obj.owner


@indexer(IWorkFile)
def workfile_retention(obj):
    return obj.retention


@indexer(IWorkFile)
def workfile_closed(obj):
    """The closing day, ISO text (a range query finds the files due)."""
    return obj.closed.date().isoformat() if obj.closed else None


@indexer(IWorkFile)
def workfile_items(obj):
    return tuple(obj.items or ())


@indexer(IWorkFile)
def workfile_count(obj):
    return len(obj.items or ())
