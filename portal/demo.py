"""Demo data of the shared core: the branch network of the fictional 云溪市图书馆 (coordinates in
Chengdu, WGS-84), the library's settings and an administrator."""

import os
import secrets
from datetime import date, time, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Locale, Site

from . import demo_images
from .demo_support import translate
from .models import Branch, BranchType, LibrarySettings, MobileStop, OpeningException, OpeningPeriod

# code, type, name, English name, district, address, English address, lat, lng, phone, facilities, note
BRANCHES = [
    ("ZG", BranchType.CENTRAL, "云溪市图书馆（总馆）", "Yunxi City Library (Central)", "青羊区",
     "文华路 88 号", "88 Wenhua Road", "30.668520", "104.054950", "028-86001234",
     ["accessible", "children", "self_checkout", "visually_impaired", "study_room", "wifi", "parking"],
     "少儿阅览室周一闭馆"),
    ("FG01", BranchType.BRANCH, "东城分馆", "Dongcheng Branch", "锦江区",
     "东风路 12 号文化中心二楼", "2F Culture Centre, 12 Dongfeng Road", "30.657260", "104.083480",
     "028-86002345", ["accessible", "children", "self_checkout", "wifi"], ""),
    ("FG02", BranchType.BRANCH, "南湖分馆", "Nanhu Branch", "武侯区",
     "南湖公园北门旁", "Beside the north gate of Nanhu Park", "30.620140", "104.043850",
     "028-86003456", ["accessible", "children", "study_room", "wifi"], ""),
    ("FG03", BranchType.BRANCH, "桐林镇分馆", "Tonglin Town Branch", "新都区",
     "桐林镇政府院内", "Tonglin Town Government compound", "30.823410", "104.158720",
     "028-86004567", ["children", "self_checkout"], ""),
    ("YSF01", BranchType.READING_ROOM, "银杏街城市阅书房", "Ginkgo Street Reading Room", "青羊区",
     "银杏街 21 号", "21 Ginkgo Street", "30.672980", "104.061230", "028-86005678",
     ["accessible", "self_checkout", "wifi"], ""),
    ("YSF02", BranchType.READING_ROOM, "滨江城市阅书房", "Riverside Reading Room", "锦江区",
     "滨江东路 5 号", "5 Binjiang East Road", "30.648870", "104.090310", "028-86006789",
     ["accessible", "self_checkout", "study_room", "wifi"], ""),
    ("ZZ01", BranchType.SELF_SERVICE, "火车东站 24 小时自助图书馆", "East Railway Station 24-hour Library",
     "成华区", "火车东站西广场", "West Square, East Railway Station", "30.629650", "104.141720", "",
     ["self_checkout", "book_return"], "自助借还机可办理借书、还书和续借"),
    ("LD01", BranchType.MOBILE, "汽车流动图书馆", "Mobile Library Bus", "青羊区",
     "总馆停车场（发车点）", "Central Library car park (depot)", "30.667900", "104.055600", "028-86001299",
     ["children"], "雨雪天气可能停运，请留意公众号通知"),
    ("FWD01", BranchType.SERVICE_POINT, "枫林社区服务点", "Fenglin Community Service Point", "金牛区",
     "枫林社区党群服务中心一楼", "1F Fenglin Community Centre", "30.701560", "104.046370", "028-86007890",
     ["children"], ""),
    ("NJ01", BranchType.VILLAGE, "石桥村农家书屋", "Shiqiao Village Library", "新都区",
     "石桥村村委会", "Shiqiao Village Committee", "30.857730", "104.201140", "",
     ["children"], "由村委会志愿者值守"),
    ("LT01", BranchType.CIRCULATION_STATION, "云溪软件园图书流动站", "Yunxi Software Park Book Station", "高新区",
     "云溪软件园 C 区 6 号楼大堂", "Lobby, Building 6, Zone C, Yunxi Software Park", "30.544520", "104.066780", "",
     ["self_checkout", "wifi"], "主要服务园区职工，市民凭读者证亦可借阅"),
]

PHOTO_PALETTES = {BranchType.CENTRAL: "reading-club", BranchType.BRANCH: "lecture",
                  BranchType.READING_ROOM: "family", BranchType.VILLAGE: "training"}

TUE_TO_SUN = (1, 2, 3, 4, 5, 6)
EVERY_DAY = (0, 1, 2, 3, 4, 5, 6)
# code: [(weekdays, opens, closes, closes next day)]
WEEKLY_HOURS = {
    "ZG": [(TUE_TO_SUN, "09:00", "21:00", False), ((0,), "14:00", "21:00", False)],
    "FG01": [(TUE_TO_SUN, "09:00", "12:00", False), (TUE_TO_SUN, "13:30", "17:30", False)],
    "FG02": [(TUE_TO_SUN, "09:00", "17:30", False)],
    "FG03": [((2, 3, 4, 5, 6), "09:00", "17:00", False)],
    "YSF01": [(EVERY_DAY, "09:00", "21:00", False)],
    # A study room popular with students before exams: open until 1 a.m. on Fridays and Saturdays.
    "YSF02": [((0, 1, 2, 3, 6), "08:30", "22:00", False), ((4, 5), "08:30", "01:00", True)],
    "FWD01": [((0, 1, 2, 3, 4), "09:00", "17:00", False)],
    "NJ01": [((5, 6), "09:00", "12:00", False)],
    "LT01": [((0, 1, 2, 3, 4), "11:30", "13:30", False)],
}
# The mobile library's weekly route: (weekday, arrives, departs, stop, lat, lng). Stop names are
# part of the shared timetable, so they are not translated.
MOBILE_ROUTE = [
    (1, "09:30", "11:30", "光华村小学", "30.674120", "103.987650"),
    (1, "14:30", "16:30", "金沙社区广场", "30.684530", "104.017320"),
    (3, "09:30", "11:30", "石桥村村委会", "30.857730", "104.201140"),
    (3, "14:00", "16:00", "桐林镇中学", "30.826100", "104.160950"),
    (5, "09:00", "12:00", "滨江公园东门", "30.649900", "104.092400"),
]

ENGLISH_TEXT = {
    "青羊区": "Qingyang District", "锦江区": "Jinjiang District", "武侯区": "Wuhou District",
    "新都区": "Xindu District", "成华区": "Chenghua District", "金牛区": "Jinniu District",
    "少儿阅览室周一闭馆": "The children's room is closed on Mondays",
    "自助借还机可办理借书、还书和续借": "The self-service machines lend, take returns and renew",
    "雨雪天气可能停运，请留意公众号通知": "May not run in rain or snow: watch our WeChat account for notices",
    "由村委会志愿者值守": "Kept by volunteers of the village committee",
    "高新区": "Hi-tech Zone",
    "主要服务园区职工，市民凭读者证亦可借阅": "Mainly for people working in the park; anyone with a library card may borrow",
}


def load(stdout):
    zh = Locale.get_default()
    created = 0
    for row in BRANCHES:
        code, kind, name, name_en, district, address, address_en, lat, lng, phone, facilities, note = row
        branch = Branch.objects.filter(code=code, locale=zh).first()
        if branch is None:
            branch = Branch(
                code=code, branch_type=kind, name=name, district=district, address=address,
                latitude=Decimal(lat) if lat else None, longitude=Decimal(lng) if lng else None,
                phone=phone, facilities=facilities, opening_hours=note, locale=zh,
                photo=demo_images.store(demo_images.building(name, palette=PHOTO_PALETTES.get(kind, "other"),
                                                             seed=len(code) * 7 + len(name)),
                                        f"网点外观：{name}", f"branch-{code.lower()}.jpg"),
                photo_alt=f"{name}外观示意图",
            )
            add_hours(branch)
            branch.full_clean()
            branch.save()
            created += 1
        translate(branch, {name: name_en, address: address_en, f"{name}外观示意图": f"Drawing of {name_en}",
                           **ENGLISH_TEXT})
    stdout.write(f"服务网点：新建 {created} 个，共 {Branch.objects.filter(locale=zh).count()} 个")


def add_hours(branch):
    """Weekly hours, the mobile route, and one Spring Festival closure for every branch with hours."""
    for weekdays, opens, closes, next_day in WEEKLY_HOURS.get(branch.code, []):
        for weekday in weekdays:
            branch.opening_periods.add(OpeningPeriod(
                weekday=weekday, opens=time.fromisoformat(opens), closes=time.fromisoformat(closes),
                closes_next_day=next_day,
            ))
    if branch.branch_type == BranchType.MOBILE:
        for weekday, arrives, departs, stop, lat, lng in MOBILE_ROUTE:
            branch.mobile_stops.add(MobileStop(
                weekday=weekday, arrives=time.fromisoformat(arrives), departs=time.fromisoformat(departs),
                stop_name=stop, latitude=Decimal(lat), longitude=Decimal(lng),
            ))
    if branch.code in WEEKLY_HOURS:
        # The days around the next Spring Festival (除夕 to 初二), as a library would enter them.
        eve = next_spring_festival_eve(timezone.localdate())
        branch.opening_exceptions.add(OpeningException(
            start_date=eve, end_date=eve + timedelta(days=2), closed=True, reason="春节闭馆", reason_en="Spring Festival",
        ))


# 除夕 (Chinese New Year's Eve) for the coming years; the demo only needs the next one.
SPRING_FESTIVAL_EVES = [date(2027, 2, 5), date(2028, 1, 25), date(2029, 2, 12), date(2030, 2, 2),
                        date(2031, 1, 22), date(2032, 2, 10), date(2033, 1, 30)]


def next_spring_festival_eve(today):
    return next((eve for eve in SPRING_FESTIVAL_EVES if eve >= today), SPRING_FESTIVAL_EVES[-1])


def load_settings(privacy_page, stdout):
    """Fill the library's settings once; settings an editor has changed are kept."""
    site = Site.objects.get(is_default_site=True)
    settings = LibrarySettings.for_site(site)
    if settings.library_name_en:  # already filled in, by the demo or an editor
        return
    settings.library_name = "云溪市图书馆"
    settings.library_name_en = "Yunxi City Library"
    settings.address = "云溪市青羊区文华路 88 号"
    settings.address_en = "88 Wenhua Road, Qingyang District, Yunxi"
    settings.phone = "028-86001234"
    settings.email = "service@library.example.cn"
    settings.footer_text = "本网站为演示站点，所列图书馆、地址与电话均为虚构。"
    settings.footer_text_en = "This is a demonstration site: the library, addresses and phone numbers are fictional."
    settings.icp_number = "演示ICP备00000000号-1"
    settings.wechat_account_name = "云溪市图书馆"
    settings.privacy_page = privacy_page
    settings.save()
    stdout.write("图书馆信息：已填写")


def ensure_admin(stdout):
    """A superuser ``admin`` with the password from DEMO_ADMIN_PASSWORD, or a random one printed once."""
    User = get_user_model()
    if User.objects.filter(username="admin").exists():
        return
    password = os.environ.get("DEMO_ADMIN_PASSWORD") or secrets.token_urlsafe(12)
    User.objects.create_superuser("admin", "admin@library.example.cn", password)
    if os.environ.get("DEMO_ADMIN_PASSWORD"):
        stdout.write("管理员：admin（密码取自 DEMO_ADMIN_PASSWORD）")
    else:
        stdout.write(f"管理员：admin  密码：{password}  （只显示这一次，请记下）")
