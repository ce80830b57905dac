"""GET /@procedures and /@procedures/fields over real HTTP."""

from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest
import transaction


def channel(kind, value, unit, fee=0, cutoff=""):
    return {
        "channel": kind,
        "time_value": float(value),
        "time_unit": unit,
        "fee": fee,
        "cutoff": cutoff,
        "note": "",
    }


PROCEDURES = [
    (
        "1.001193",
        "Đăng ký khai sinh",
        "ho-tich",
        "commune",
        "published",
        [
            channel("in_person", 0, "same_day", cutoff="15:00"),
            channel("online", 1, "working_days"),
        ],
    ),
    (
        "1.000894",
        "Đăng ký kết hôn",
        "ho-tich",
        "commune",
        "published",
        [channel("in_person", 5, "working_days")],
    ),
    (
        "2.000815",
        "Chứng thực bản sao từ bản chính",
        "chung-thuc",
        "commune",
        "published",
        [channel("in_person", 0, "same_day", 2000)],
    ),
    (
        "1.004227",
        "Cấp giấy phép xây dựng nhà ở riêng lẻ",
        "xay-dung",
        "district",
        "published",
        [
            channel("in_person", 15, "working_days", 75000),
            channel("online", 15, "working_days", 75000),
        ],
    ),
    (
        "1.001612",
        "Đăng ký thành lập hộ kinh doanh",
        "dang-ky-kinh-doanh",
        "district",
        "abolished",
        [channel("in_person", 3, "working_days", 100000)],
    ),
    (
        "1.000656",
        "Đăng ký khai tử",
        "ho-tich",
        "commune",
        "draft",
        [channel("in_person", 1, "working_days")],
    ),
]


@pytest.fixture
def catalogue(functional_portal):
    portal = functional_portal
    setRoles(portal, TEST_USER_ID, ["Manager"])
    folder = portal["thu-tuc-hanh-chinh"]
    for code, title, field, level, state, channels in PROCEDURES:
        obj = api.content.create(
            container=folder,
            type="Procedure",
            title=title,
            code=code,
            field=field,
            level=level,
            channels=channels,
            online_service="full",
        )
        for transition in {
            "published": ["submit", "publish"],
            "abolished": ["submit", "publish", "abolish"],
            "draft": [],
        }[state]:
            api.content.transition(obj=obj, transition=transition)
    transaction.commit()
    return folder


def titles(response):
    assert response.status_code == 200, response.text
    return [item["title"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    "q", ["dang ky khai sinh", "Đăng ký khai sinh", "khai sinh", "KHAI SINH"]
)
def test_diacritics_do_not_matter(anonymous, catalogue, q):
    assert titles(anonymous.get("@procedures", params={"q": q})) == [
        "Đăng ký khai sinh"
    ]


def test_word_prefixes(anonymous, catalogue):
    assert titles(anonymous.get("@procedures", params={"q": "chung thu"})) == [
        "Chứng thực bản sao từ bản chính"
    ]


def test_by_code(anonymous, catalogue):
    assert titles(anonymous.get("@procedures", params={"q": "1.000894"})) == [
        "Đăng ký kết hôn"
    ]


def test_default_listing_excludes_abolished_and_drafts(anonymous, catalogue):
    found = titles(anonymous.get("@procedures"))
    assert "Đăng ký thành lập hộ kinh doanh" not in found  # abolished
    assert "Đăng ký khai tử" not in found  # draft
    assert len(found) == 4
    with_abolished = titles(
        anonymous.get("@procedures", params={"include_abolished": "1"})
    )
    assert "Đăng ký thành lập hộ kinh doanh" in with_abolished
    assert "Đăng ký khai tử" not in with_abolished


def test_item_shape(anonymous, catalogue):
    item = anonymous.get("@procedures", params={"q": "khai sinh"}).json()["items"][0]
    assert item["code"] == "1.001193"
    assert item["field"] == {"token": "ho-tich", "title": "Hộ tịch"}
    assert item["level"]["token"] == "commune"
    assert [c["channel"]["token"] for c in item["channels"]] == ["in_person", "online"]
    assert item["channels"][0]["time"] == "Trong ngày"
    assert item["channels"][1]["time"] == "1 ngày làm việc"
    assert "/thu-tuc-hanh-chinh/" in item["@id"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"field": "ho-tich"}, ["Đăng ký khai sinh", "Đăng ký kết hôn"]),
        ({"level": "district"}, ["Cấp giấy phép xây dựng nhà ở riêng lẻ"]),
        (
            {"channel": "online"},
            ["Cấp giấy phép xây dựng nhà ở riêng lẻ", "Đăng ký khai sinh"],
        ),
        ({"field": "ho-tich", "q": "ket hon"}, ["Đăng ký kết hôn"]),
    ],
)
def test_facets(anonymous, catalogue, params, expected):
    assert sorted(titles(anonymous.get("@procedures", params=params))) == sorted(
        expected
    )


def test_batching(anonymous, catalogue):
    first = anonymous.get("@procedures", params={"b_size": 3}).json()
    assert first["items_total"] == 4 and len(first["items"]) == 3
    assert "next" in first["batching"]
    second = anonymous.get("@procedures", params={"b_size": 3, "b_start": 3}).json()
    assert len(second["items"]) == 1
    assert {i["title"] for i in first["items"]}.isdisjoint(
        {i["title"] for i in second["items"]}
    )


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"field": "khong-co"}, "field"),
        ({"level": "country"}, "level"),
        ({"online": "maybe"}, "online"),
        ({"channel": "fax"}, "channel"),
        ({"unit": "NOPE"}, "unit"),
        ({"b_size": "1000"}, "b_size"),
        ({"b_start": "-1"}, "b_start"),
        ({"colour": "red"}, "colour"),
    ],
)
def test_bad_parameters(anonymous, catalogue, params, field):
    response = anonymous.get("@procedures", params=params)
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "BadRequest"
    assert [e["field"] for e in body["errors"]] == [field]


def test_fields_with_counts(anonymous, catalogue):
    response = anonymous.get("@procedures/fields")
    assert response.status_code == 200
    counts = {item["token"]: item["count"] for item in response.json()["items"]}
    assert counts["ho-tich"] == 2  # the draft does not count
    assert counts["chung-thuc"] == 1
    assert counts["dang-ky-kinh-doanh"] == 0  # abolished
    titles_ = {item["token"]: item["title"] for item in response.json()["items"]}
    assert titles_["ho-tich"] == "Hộ tịch"


def test_unknown_subpath(anonymous, catalogue):
    assert anonymous.get("@procedures/nothing").status_code == 404
