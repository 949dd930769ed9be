"""The branch map page: the list without JavaScript, filters in the query string, open-now status,
a page per branch, and /api/v2/branches/."""

import json
from datetime import datetime

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.test.utils import override_settings
from django.utils import timezone
from wagtail.models import Locale

from events.models import EventPage
from portal.geo import wgs84_to_gcj02
from portal.models import Branch
from tests.local_time import BEIJING

pytestmark = pytest.mark.django_db


def soup_of(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, url
    return BeautifulSoup(response.content, "html.parser")


def codes(soup):
    return [item["data-code"] for item in soup.select(".branch-item")]


def branches(located=None):
    """The site's branches (in the default language), all of them or those with(out) a position."""
    found = Branch.objects.filter(locale__language_code="zh-hans")
    return found if located is None else found.filter(latitude__isnull=not located)


def test_list_shows_every_branch_without_javascript(client):
    soup = soup_of(client, "/branches/")
    assert soup.h1.get_text(strip=True) == "服务网点"
    assert sorted(codes(soup)) == sorted(branches().values_list("code", flat=True)) and len(codes(soup)) > 1
    central = soup.select_one('.branch-item[data-code="ZG"]')
    assert central.select_one("h2 a")["href"] == "/branches/ZG/"
    assert central.select_one(".status").get_text(strip=True) in {"开放中", "即将闭馆", "已闭馆", "今日休息"}
    # The map stays hidden until the script shows it; the list does not depend on it.
    assert soup.select_one("#branch-map").has_attr("hidden")
    assert soup.select_one("#near-me").has_attr("hidden")


@pytest.fixture
def unlocated_branch():
    """A 图书流动站 in a barracks: its location is not published."""
    branch = Branch(
        code="JY01", name="驻地部队图书流动站", branch_type="circulation_station", locale=Locale.get_default()
    )
    branch.full_clean()
    branch.save()
    return branch


def test_every_located_branch_is_on_the_map(client):
    markers = json.loads(soup_of(client, "/branches/").select_one("#branch-map-data").string)
    assert sorted(marker["code"] for marker in markers) == sorted(branches(located=True).values_list("code", flat=True))
    assert markers


def test_branch_without_coordinates_stays_in_list_and_off_map(client, unlocated_branch):
    soup = soup_of(client, "/branches/")
    item = soup.select_one('.branch-item[data-code="JY01"]')
    assert item is not None and not item.has_attr("data-lat")
    assert "该网点不在地图上显示" in item.get_text()
    markers = json.loads(soup.select_one("#branch-map-data").string)
    assert "JY01" not in [marker["code"] for marker in markers]
    assert len(markers) == branches(located=True).count()
    soup_of(client, "/branches/JY01/")  # its own page still works, without map links


@pytest.mark.parametrize(
    "query, expected",
    [
        ("type=reading_room", {"YSF01", "YSF02"}),
        ("district=新都区", {"FG03", "NJ01"}),
        ("facility=visually_impaired", {"ZG"}),
        ("type=branch&facility=study_room", {"FG02"}),
        ("type=village&district=青羊区", set()),
    ],
)
def test_filters_combine_in_the_query_string(client, query, expected):
    soup = soup_of(client, f"/branches/?{query}")
    assert set(codes(soup)) == expected


@pytest.mark.parametrize("query", ["type=castle", "facility=<script>", "district=火星区"])
def test_unknown_filter_value_says_so_and_shows_everything(client, query):
    soup = soup_of(client, f"/branches/?{query}")
    assert soup.select_one(".form-error").get_text(strip=True) == "筛选条件无效，已显示全部网点。"
    assert len(codes(soup)) == branches().count()


def test_english_list(client):
    soup = soup_of(client, "/en/branches/?type=central")
    assert soup.select_one(".branch-item h2 a").get_text(strip=True) == "Yunxi City Library (Central)"
    assert soup.select_one(".branch-item h2 a")["href"] == "/en/branches/ZG/"
    assert soup.select_one(".branch-item__meta").get_text(strip=True).startswith("Central library")


def test_self_service_library_is_always_open(client):
    soup = soup_of(client, "/branches/?type=self_service")
    assert soup.select_one(".status").get_text(strip=True) == "开放中"
    assert "24 小时开放" in soup.select_one(".branch-item__status").get_text()


def test_branch_page(client):
    soup = soup_of(client, "/branches/ZG/")
    assert soup.h1.get_text(strip=True) == "云溪市图书馆（总馆）"
    assert soup.select_one('a[href^="tel:"]')["href"] == "tel:02886001234"
    amap = soup.select_one('a[href^="https://uri.amap.com/marker"]')["href"]
    assert "position=104.054950,30.668520" in amap and "coordinate=wgs84" in amap
    rows = {row.th.get_text(strip=True): row.td.get_text(strip=True) for row in soup.select("table.hours tr")}
    assert rows["星期一"] == "14:00–21:00"
    assert rows["星期二"] == "09:00–21:00"
    assert "春节闭馆" in soup.select_one(".exceptions").get_text()


def test_mobile_library_page_shows_its_timetable(client):
    soup = soup_of(client, "/en/branches/LD01/")
    assert soup.h2.get_text(strip=True) == "Stop timetable"
    rows = {row.th.get_text(strip=True): row.td.get_text(" ", strip=True) for row in soup.select("table.hours tr")}
    # Stop names are part of the shared timetable: entered once, in Chinese.
    assert rows["Tuesday"] == "09:30–11:30 光华村小学 14:30–16:30 金沙社区广场"
    assert rows["Monday"] == "No service"


def test_unknown_branch_code_is_404(client):
    soup_of(client, "/branches/NOPE/", status=404)
    soup_of(client, "/branches/ZG%3Cscript%3E/", status=404)


def test_list_query_count_does_not_grow_with_branches(client, django_assert_max_num_queries):
    cache.clear()
    with django_assert_max_num_queries(25) as before:
        client.get("/branches/")
    zh = Branch.objects.get(code="FG01", locale__language_code="zh-hans")
    for number in range(15):
        copy = Branch.objects.get(pk=zh.pk)
        copy.pk = None
        copy.translation_key = __import__("uuid").uuid4()
        copy.code = f"EXTRA{number}"
        copy.save()
    cache.clear()
    with django_assert_max_num_queries(len(before)):
        soup = soup_of(client, "/branches/")
    assert len(codes(soup)) == branches().count()


@override_settings(
    PORTAL_MAP_TILES={
        "URL": "https://tiles.example.cn/{z}/{x}/{y}.png",
        "ATTRIBUTION": "示例",
        "SUBDOMAINS": "",
        "COORDINATES": "gcj02",
    }
)
def test_markers_are_converted_for_gcj02_tiles(client):
    soup = soup_of(client, "/branches/?type=central")
    marker = json.loads(soup.select_one("#branch-map-data").string)[0]
    expected = wgs84_to_gcj02(30.668520, 104.054950)
    assert (marker["lat"], marker["lng"]) == (round(expected[0], 6), round(expected[1], 6))
    # The list keeps WGS-84: it is what phones report for "near me".
    assert soup.select_one(".branch-item")["data-lat"] == "30.668520"
    assert soup.select_one("#branch-map")["data-tile-url"] == "https://tiles.example.cn/{z}/{x}/{y}.png"


class TestAPI:
    def test_listing_has_the_contract_fields(self, client):
        data = client.get("/api/v2/branches/").json()
        assert data["meta"]["total_count"] == branches().count()
        central = next(item for item in data["items"] if item["code"] == "ZG")
        for field in ["code", "name", "type", "address", "lat", "lng", "facilities", "open_now", "next_change"]:
            assert field in central, field
        assert central["type"] == "central"
        assert central["lat"] == pytest.approx(30.66852)
        assert isinstance(central["open_now"], bool)
        if central["next_change"]:
            assert datetime.fromisoformat(central["next_change"]).utcoffset() == datetime.now(BEIJING).utcoffset()

    def test_self_service_open_now_with_no_next_change(self, client):
        items = client.get("/api/v2/branches/").json()["items"]
        station = next(item for item in items if item["code"] == "ZZ01")
        assert station["open_now"] is True and station["next_change"] is None

    def test_branch_without_coordinates(self, client, unlocated_branch):
        items = client.get("/api/v2/branches/").json()["items"]
        garrison = next(item for item in items if item["code"] == "JY01")
        assert garrison["lat"] is None and garrison["lng"] is None

    def test_english(self, client):
        items = client.get("/api/v2/branches/?locale=en").json()["items"]
        assert next(item for item in items if item["code"] == "ZG")["name"] == "Yunxi City Library (Central)"

    def test_unknown_locale_is_a_400(self, client):
        response = client.get("/api/v2/branches/?locale=xx")
        assert response.status_code == 400

    def test_query_count_is_constant(self, client, django_assert_max_num_queries):
        with django_assert_max_num_queries(8):
            assert client.get("/api/v2/branches/?locale=en").status_code == 200


def test_list_order_starts_with_the_central_library(client):
    soup = soup_of(client, "/branches/")
    assert codes(soup)[:4] == ["ZG", "FG01", "FG02", "FG03"]


def test_branch_page_lists_its_upcoming_events(client):
    soup = soup_of(client, "/branches/ZG/")
    titles = [a.get_text(strip=True) for a in soup.select(".card__title a")]
    # The next five held here, soonest first: not last week's audiobook circle, nor the picture-book
    # time at another branch; the cancelled lantern riddles says so.
    held_here = (
        EventPage.objects.live()
        .filter(branch__code="ZG", locale__language_code="zh-hans", end__gte=timezone.now())
        .order_by("start")
    )
    assert titles == [event.title for event in held_here[:5]]
    assert {"周三夜读会：《平凡的世界》", "灯谜游艺会", "唐诗中的城市"} <= set(titles)
    assert "视障读者有声书分享会" not in titles and "周末绘本时光" not in titles
    lantern = soup.select(".card")[titles.index("灯谜游艺会")]
    assert "已取消" in lantern.get_text()


def test_english_branch_page_lists_english_events(client):
    soup = soup_of(client, "/en/branches/ZG/")
    titles = [a.get_text(strip=True) for a in soup.select(".card__title a")]
    assert "Recitation: the four seasons in Tang poems" in titles


def inside(point, polygon):
    """Ray casting: whether (x, y) lies inside the ring ``polygon``."""
    x, y = point
    crossings = 0
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            crossings += 1
    return crossings % 2 == 1


def test_without_tiles_the_map_has_the_citys_outline_and_every_branch_is_in_its_district(client):
    soup = soup_of(client, "/branches/")
    url = soup.select_one("#branch-map")["data-base-map-url"]
    response = client.get(url)
    outline = json.loads(b"".join(response.streaming_content) if response.streaming else response.content)
    kinds = {feature["properties"]["kind"] for feature in outline["features"]}
    assert kinds == {"district", "river", "road"}
    districts = {
        feature["properties"]["name"]: feature["geometry"]["coordinates"][0]
        for feature in outline["features"]
        if feature["properties"]["kind"] == "district"
    }
    located = Branch.objects.filter(locale__language_code="zh-hans", latitude__isnull=False)
    for branch in located:
        assert inside((float(branch.longitude), float(branch.latitude)), districts[branch.district]), branch.name


def test_the_legend_names_the_kinds_of_branch_on_the_map(client):
    legend = [li.get_text(strip=True) for li in soup_of(client, "/branches/").select(".map-legend li")]
    assert legend[:2] == ["总馆", "分馆"] and "农家书屋" in legend
    english = [li.get_text(strip=True) for li in soup_of(client, "/en/branches/").select(".map-legend li")]
    assert english[:2] == ["Central library", "Branch library"]


@override_settings(
    PORTAL_MAP_TILES={
        "URL": "https://tiles.example.cn/{z}/{x}/{y}.png",
        "ATTRIBUTION": "示例",
        "SUBDOMAINS": "abc",
        "COORDINATES": "wgs84",
    }
)
def test_a_tile_server_draws_its_own_streets(client):
    assert not soup_of(client, "/branches/").select_one("#branch-map").has_attr("data-base-map-url")


def test_a_closure_is_explained_in_the_readers_language(client):
    """春节闭馆 on the Chinese page, "Spring Festival" on the English one: the English branch
    holds a copy of the hours, and a copied Chinese reason was what English readers saw."""
    chinese = soup_of(client, "/branches/ZG/").select_one(".exceptions").get_text()
    english = soup_of(client, "/en/branches/ZG/").select_one(".exceptions").get_text()
    assert "春节闭馆" in chinese and "Spring Festival" not in chinese
    assert "(Spring Festival)" in english and "春节" not in english and "：" not in english


def test_a_closure_without_an_english_reason_shows_the_chinese_one(client):
    from portal.models import OpeningException

    OpeningException.objects.filter(reason="春节闭馆").update(reason_en="")
    assert "春节闭馆" in soup_of(client, "/en/branches/ZG/").select_one(".exceptions").get_text()
