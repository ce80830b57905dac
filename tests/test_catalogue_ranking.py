"""The catalogue's search ranks by relevance (issue 9, item 6): over REST
(``@procedures``) and on the classic page, batched alike."""

from lxml import html
from plone import api
from plone.app.testing import setRoles
from plone.app.testing import TEST_USER_ID

import pytest
import transaction


COPY = "Chứng thực bản sao từ bản chính"
SIGNATURE = "Chứng thực chữ ký trong các giấy tờ, văn bản"
CONTRACT = "Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản"
FOOD = (
    "Cấp Giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đối với cơ sở "
    "sản xuất, kinh doanh nông, lâm, thủy sản"
)
LAND = "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu"
MORE = [
    ("2.000884", SIGNATURE, "chung-thuc"),
    ("2.000913", CONTRACT, "chung-thuc"),
    ("1.003085", FOOD, "nong-nghiep"),
    ("1.004227.H38", LAND, "dat-dai"),
]


@pytest.fixture
def catalogue(procedure_catalogue):
    portal = api.portal.get()
    setRoles(portal, TEST_USER_ID, ["Manager"])
    channels = [
        {
            "channel": "in_person",
            "time_value": 1.0,
            "time_unit": "working_days",
            "fee": 0,
            "cutoff": "",
            "note": "",
        }
    ]
    for code, title, field in MORE:
        obj = api.content.create(
            container=procedure_catalogue,
            type="Procedure",
            id=code.replace(".", "-").lower(),
            title=title,
            code=code,
            field=field,
            level="commune",
            channels=channels,
            online_service="full",
        )
        api.content.transition(obj=obj, transition="submit")
        api.content.transition(obj=obj, transition="publish")
    transaction.commit()
    return procedure_catalogue


def titles(response):
    assert response.status_code == 200, response.text
    return [item["title"] for item in response.json()["items"]]


def test_chung_thuc_puts_certification_first(anonymous, catalogue):
    found = titles(anonymous.get("@procedures", params={"q": "chung thuc"}))
    # The three "chứng thực" together in their titles, by name; then the
    # titles with both words apart; "Đăng ký khai sinh" has them in its body.
    assert found[:5] == [COPY, SIGNATURE, CONTRACT, FOOD, LAND]
    assert found[5:] == ["Đăng ký khai sinh"]


def test_no_words_lists_by_name(anonymous, catalogue):
    found = titles(anonymous.get("@procedures", params={"b_size": "3"}))
    assert found == [FOOD, LAND, "Cấp giấy phép xây dựng nhà ở riêng lẻ"]


def test_ranked_results_are_batched(anonymous, catalogue):
    first = anonymous.get("@procedures", params={"q": "chung thuc", "b_size": "2"})
    assert titles(first) == [COPY, SIGNATURE]
    assert first.json()["items_total"] == 6
    second = anonymous.get(first.json()["batching"]["next"])
    assert titles(second) == [CONTRACT, FOOD]


def test_facets_still_narrow_a_ranked_search(anonymous, catalogue):
    found = titles(
        anonymous.get("@procedures", params={"q": "chung thuc", "field": "chung-thuc"})
    )
    assert found == [COPY, SIGNATURE, CONTRACT]


def page(client, **params):
    response = client.get(
        "thu-tuc-hanh-chinh", params=params, headers={"Accept": "text/html"}
    )
    assert response.status_code == 200
    return html.fromstring(response.text)


def test_catalogue_page_ranks_and_folds_its_filters(anonymous, catalogue):
    tree = page(anonymous, q="chung thuc")
    found = [a.text_content().strip() for a in tree.cssselect(".procedure-title a")]
    assert found[:4] == [COPY, SIGNATURE, CONTRACT, FOOD]
    filters = tree.cssselect("details.procedure-filters")[0]
    assert filters.get("open") is None
    summary = " ".join(filters.cssselect("summary")[0].text_content().split())
    assert summary == "Lọc theo lĩnh vực, đơn vị, cấp"
    # A filter in use keeps them open, with its count.
    tree = page(anonymous, q="chung thuc", field="chung-thuc")
    filters = tree.cssselect("details.procedure-filters")[0]
    assert filters.get("open") == "open"
    assert filters.cssselect("summary .badge")[0].text_content() == "1"
    assert len(tree.cssselect(".procedure-result")) == 3


def test_the_page_says_where_partial_matches_begin(anonymous, catalogue):
    """The procedures holding every word come first; the page says once
    where those holding only some of them begin."""

    def marked(tree):
        return [
            result.cssselect(".procedure-title a")[0].text_content().strip()
            for result in tree.cssselect(".procedure-result")
            if result.cssselect(".procedure-partial-heading")
        ]

    tree = page(anonymous, q="chung thuc ban sao")
    assert marked(tree) == [SIGNATURE]  # after COPY, the one with all four
    heading = tree.cssselect(".procedure-partial-heading")[0].text_content()
    assert heading == "Từ đây trở xuống: các thủ tục chỉ có một số từ bạn đã gõ"
    # "chung thuc": the land certificate holds "chứng" only.
    assert marked(page(anonymous, q="chung thuc")) == [LAND]
    # Without words, by name: nothing to mark.
    assert marked(page(anonymous)) == []
