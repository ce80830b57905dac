"""GET /@procedures and /@procedures/fields over real HTTP."""

import pytest


def titles(response):
    assert response.status_code == 200, response.text
    return [item["title"] for item in response.json()["items"]]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        # Every word first, then some of them ("Đăng ký").
        ("dang ky khai sinh", ["Đăng ký khai sinh", "Đăng ký kết hôn"]),
        ("Đăng ký khai sinh", ["Đăng ký khai sinh", "Đăng ký kết hôn"]),
        ("khai sinh", ["Đăng ký khai sinh"]),
        ("KHAI SINH", ["Đăng ký khai sinh"]),
    ],
)
def test_diacritics_do_not_matter(anonymous, procedure_catalogue, q, expected):
    assert titles(anonymous.get("@procedures", params={"q": q})) == expected


def test_word_prefixes(anonymous, procedure_catalogue):
    # "thu" is also the start of a word in the body of the second one.
    assert titles(anonymous.get("@procedures", params={"q": "chung thu"})) == [
        "Chứng thực bản sao từ bản chính",
        "Đăng ký khai sinh",
    ]


def test_by_code(anonymous, procedure_catalogue):
    assert titles(anonymous.get("@procedures", params={"q": "1.000894"})) == [
        "Đăng ký kết hôn"
    ]


def test_default_listing_excludes_abolished_and_drafts(anonymous, procedure_catalogue):
    found = titles(anonymous.get("@procedures"))
    assert "Đăng ký thành lập hộ kinh doanh" not in found  # abolished
    assert "Đăng ký khai tử" not in found  # draft
    assert len(found) == 4
    with_abolished = titles(
        anonymous.get("@procedures", params={"include_abolished": "1"})
    )
    assert "Đăng ký thành lập hộ kinh doanh" in with_abolished
    assert "Đăng ký khai tử" not in with_abolished


def test_item_shape(anonymous, procedure_catalogue):
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
def test_facets(anonymous, procedure_catalogue, params, expected):
    assert sorted(titles(anonymous.get("@procedures", params=params))) == sorted(
        expected
    )


def test_batching(anonymous, procedure_catalogue):
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
def test_bad_parameters(anonymous, procedure_catalogue, params, field):
    response = anonymous.get("@procedures", params=params)
    assert response.status_code == 400
    body = response.json()
    assert body["type"] == "BadRequest"
    assert [e["field"] for e in body["errors"]] == [field]


def test_fields_with_counts(anonymous, procedure_catalogue):
    response = anonymous.get("@procedures/fields")
    assert response.status_code == 200
    counts = {item["token"]: item["count"] for item in response.json()["items"]}
    assert counts["ho-tich"] == 2  # the draft does not count
    assert counts["chung-thuc"] == 1
    assert counts["dang-ky-kinh-doanh"] == 0  # abolished
    titles_ = {item["token"]: item["title"] for item in response.json()["items"]}
    assert titles_["ho-tich"] == "Hộ tịch"


def test_unknown_subpath(anonymous, procedure_catalogue):
    assert anonymous.get("@procedures/nothing").status_code == 404
