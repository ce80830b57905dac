"""Compact field and keyword indexes (``compactindexes.py``): a value one
object holds is kept as its record id, and every query, change and removal
answers as the stock index does for the same objects."""

from BTrees.IIBTree import IITreeSet
from dienbien.policy.compactindexes import CompactFieldIndex
from dienbien.policy.compactindexes import CompactKeywordIndex
from Products.PluginIndexes.FieldIndex.FieldIndex import FieldIndex
from Products.PluginIndexes.KeywordIndex.KeywordIndex import KeywordIndex


class Item:
    def __init__(self, value):
        self.value = value


def query(index, value, **options):
    found = index._apply_index({"value": {"query": value, **options}})
    return list(found[0]) if found else None


def pair(compact, stock):
    return compact("value"), stock("value")


def test_one_object_a_record_id_two_a_tree_set():
    index = CompactFieldIndex("value")
    index.index_object(1, Item("H15.50.MC-260303-0001"))
    index.index_object(2, Item("H15.50.MC-260303-0002"))
    index.index_object(3, Item("H15.50.MC-260303-0002"))

    assert index._index["H15.50.MC-260303-0001"] == 1
    assert isinstance(index._index["H15.50.MC-260303-0002"], IITreeSet)
    assert list(index._index["H15.50.MC-260303-0002"]) == [2, 3]
    assert len(index) == 2  # distinct values


def test_field_queries_changes_and_removals_answer_as_stock():
    compact, stock = pair(CompactFieldIndex, FieldIndex)
    values = {1: "2026-03-03T09:00", 2: "2026-03-03T10:00", 3: "2026-03-03T10:00"}
    for index in (compact, stock):
        for rid, value in values.items():
            index.index_object(rid, Item(value))
        index.index_object(1, Item("2026-03-04T08:00"))  # a value changed
        index.unindex_object(3)  # the shared value: one left
        index.index_object(4, Item("2026-03-03T10:00"))
    for value, options in (
        ("2026-03-03T10:00", {}),
        ("2026-03-04T08:00", {}),
        ("2026-03-03T09:00", {}),
        (["2026-03-03T00:00", "2026-03-03T23:59"], {"range": "min:max"}),
        ("2026-03-04T00:00", {"range": "min"}),
        ("2026-03-03T10:00", {"not": "2026-03-03T10:00"}),
        (["2026-03-03T10:00", "2026-03-04T08:00"], {"not": "2026-03-04T08:00"}),
        (["2026-03-03T09:30", "2026-03-05T00:00"], {"range": "min:max"}),
    ):
        assert query(compact, value, **options) == query(stock, value, **options)
    assert query(compact, "2026-03-04T08:00") == [1]
    assert query(compact, "2026-03-03T10:00") == [2, 4]
    # "Not" alone: every object but those under the value.
    only_not = compact._apply_index({"value": {"not": "2026-03-04T08:00"}})
    assert list(only_not[0]) == [2, 4]
    assert list(only_not[0]) == list(
        stock._apply_index({"value": {"not": "2026-03-04T08:00"}})[0]
    )
    assert compact.histogram() == stock.histogram() == {1: 1, 2: 1}
    assert dict(compact.documentToKeyMap()) == dict(stock.documentToKeyMap())
    assert list(compact.uniqueValues(withLengths=True)) == list(
        stock.uniqueValues(withLengths=True)
    )
    for index in (compact, stock):
        for rid in (1, 2, 4):
            index.unindex_object(rid)
    assert len(compact) == len(stock) == 0
    assert not compact._unindex and not compact._index


def test_keyword_queries_and_changes_answer_as_stock():
    compact, stock = pair(CompactKeywordIndex, KeywordIndex)
    for index in (compact, stock):
        index.index_object(1, Item(["n:lo", "n:pang", "d:0912000111"]))
        index.index_object(2, Item(["n:lo", "n:un", "d:0912000111"]))
        index.index_object(3, Item(["n:hac", "d:0977222333"]))
        index.index_object(3, Item(["n:hac", "d:0977222444"]))  # a new phone
    for value, operator in (
        (["n:lo", "d:0912000111"], "and"),
        (["n:un"], "and"),
        (["d:0977222333"], "or"),
        (["d:0977222444", "n:pang"], "or"),
    ):
        assert query(compact, value, operator=operator) == query(
            stock, value, operator=operator
        )
    assert query(compact, ["d:0977222444"]) == [3]
    assert compact._index["n:un"] == 2
    assert "d:0977222333" not in compact._index
    assert list(compact._index["d:0912000111"]) == [1, 2]


def test_a_catalog_sorts_on_a_compact_index_as_on_a_stock_one():
    """Sorting a result larger than the index walks the index's rows
    (``Catalog._sort_iterate_index``), a small one the records' values:
    both as with a stock index, int rows and tree sets alike."""
    from Acquisition import Implicit
    from Products.ZCatalog.Catalog import Catalog

    class Root(Implicit):
        pass

    class Titled:
        def __init__(self, title):
            self.title = title

    # 19 values of one object each (int rows), one of 300 (a tree set): a
    # result of all 319 is larger than the index, and is sorted by walking
    # its rows.
    titles = [f"h15-50-mc-2603{day:02d}-0001" for day in range(1, 20)]
    titles += ["trung-ten"] * 300
    queries = (
        {"title": {"query": "h", "range": "min"}},  # all 319: the index's rows
        {"title": {"query": [titles[5], titles[7]]}},  # 2: their values
    )
    orders = {}
    for kind in (CompactFieldIndex, FieldIndex):
        catalog = Catalog().__of__(Root())
        catalog.addIndex("title", kind("title"))
        catalog.addColumn("title")
        for number, title in enumerate(titles):
            catalog.catalogObject(Titled(title), f"/ho-so/{number}")
        index = catalog.getIndex("title")
        orders[kind] = [
            [
                brain.title
                for brain in catalog.search(query, sort_index=index, reverse=reverse)
            ]
            for query in queries
            for reverse in (False, True)
        ]
    assert orders[CompactFieldIndex] == orders[FieldIndex]
    ascending, descending, few, _ = orders[CompactFieldIndex]
    assert ascending == sorted(titles) and descending == sorted(titles)[::-1]
    assert few == [titles[5], titles[7]]
