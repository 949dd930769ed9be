"""Demo data of the shared core: the branch network of the fictional 云溪市图书馆 (coordinates in
Chengdu, WGS-84), the library's settings and an administrator."""

import os
import secrets
from decimal import Decimal

from django.contrib.auth import get_user_model
from wagtail.models import Locale, Site

from .demo_support import translate
from .models import Branch, BranchType, LibrarySettings

# code, type, name, English name, district, address, English address, lat, lng, phone, facilities, hours
BRANCHES = [
    ("ZG", BranchType.CENTRAL, "云溪市图书馆（总馆）", "Yunxi City Library (Central)", "青羊区",
     "文华路 88 号", "88 Wenhua Road", "30.668520", "104.054950", "028-86001234",
     ["accessible", "children", "self_checkout", "visually_impaired", "study_room", "wifi", "parking"],
     "周二至周日 9:00–21:00，周一 14:00–21:00"),
    ("FG01", BranchType.BRANCH, "东城分馆", "Dongcheng Branch", "锦江区",
     "东风路 12 号文化中心二楼", "2F Culture Centre, 12 Dongfeng Road", "30.657260", "104.083480",
     "028-86002345", ["accessible", "children", "self_checkout", "wifi"], "周二至周日 9:00–17:30"),
    ("FG02", BranchType.BRANCH, "南湖分馆", "Nanhu Branch", "武侯区",
     "南湖公园北门旁", "Beside the north gate of Nanhu Park", "30.620140", "104.043850",
     "028-86003456", ["accessible", "children", "study_room", "wifi"], "周二至周日 9:00–17:30"),
    ("FG03", BranchType.BRANCH, "桐林镇分馆", "Tonglin Town Branch", "新都区",
     "桐林镇政府院内", "Tonglin Town Government compound", "30.823410", "104.158720",
     "028-86004567", ["children", "self_checkout"], "周三至周日 9:00–17:00"),
    ("YSF01", BranchType.READING_ROOM, "银杏街城市阅书房", "Ginkgo Street Reading Room", "青羊区",
     "银杏街 21 号", "21 Ginkgo Street", "30.672980", "104.061230", "028-86005678",
     ["accessible", "self_checkout", "wifi"], "每天 9:00–21:00"),
    ("YSF02", BranchType.READING_ROOM, "滨江城市阅书房", "Riverside Reading Room", "锦江区",
     "滨江东路 5 号", "5 Binjiang East Road", "30.648870", "104.090310", "028-86006789",
     ["accessible", "self_checkout", "study_room", "wifi"], "每天 8:30–22:00"),
    ("ZZ01", BranchType.SELF_SERVICE, "火车东站 24 小时自助图书馆", "East Railway Station 24-hour Library",
     "成华区", "火车东站西广场", "West Square, East Railway Station", "30.629650", "104.141720", "",
     ["self_checkout", "book_return"], "全天 24 小时"),
    ("LD01", BranchType.MOBILE, "汽车流动图书馆", "Mobile Library Bus", "青羊区",
     "总馆停车场（发车点）", "Central Library car park (depot)", "30.667900", "104.055600", "028-86001299",
     ["children"], "按线路时刻表到站服务"),
    ("FWD01", BranchType.SERVICE_POINT, "枫林社区服务点", "Fenglin Community Service Point", "金牛区",
     "枫林社区党群服务中心一楼", "1F Fenglin Community Centre", "30.701560", "104.046370", "028-86007890",
     ["children"], "周一至周五 9:00–17:00"),
    ("NJ01", BranchType.VILLAGE, "石桥村农家书屋", "Shiqiao Village Library", "新都区",
     "石桥村村委会", "Shiqiao Village Committee", "30.857730", "104.201140", "",
     [], "周六、周日 9:00–12:00"),
    # A station in a barracks: no public coordinates, so it stays in the list and off the map.
    ("LT01", BranchType.CIRCULATION_STATION, "驻地部队图书流动站", "Garrison Book Station", "",
     "（不对外开放）", "(not open to the public)", None, None, "", [], "仅服务驻地官兵"),
]

ENGLISH_TEXT = {
    "青羊区": "Qingyang District", "锦江区": "Jinjiang District", "武侯区": "Wuhou District",
    "新都区": "Xindu District", "成华区": "Chenghua District", "金牛区": "Jinniu District",
    "周二至周日 9:00–21:00，周一 14:00–21:00": "Tue–Sun 9:00–21:00, Mon 14:00–21:00",
    "周二至周日 9:00–17:30": "Tue–Sun 9:00–17:30",
    "周三至周日 9:00–17:00": "Wed–Sun 9:00–17:00",
    "每天 9:00–21:00": "Daily 9:00–21:00",
    "每天 8:30–22:00": "Daily 8:30–22:00",
    "全天 24 小时": "Open 24 hours",
    "按线路时刻表到站服务": "Serves its stops by timetable",
    "周一至周五 9:00–17:00": "Mon–Fri 9:00–17:00",
    "周六、周日 9:00–12:00": "Sat and Sun 9:00–12:00",
    "仅服务驻地官兵": "For garrison personnel only",
}


def load(stdout):
    zh = Locale.get_default()
    created = 0
    for row in BRANCHES:
        code, kind, name, name_en, district, address, address_en, lat, lng, phone, facilities, hours = row
        branch = Branch.objects.filter(code=code, locale=zh).first()
        if branch is None:
            branch = Branch(
                code=code, branch_type=kind, name=name, district=district, address=address,
                latitude=Decimal(lat) if lat else None, longitude=Decimal(lng) if lng else None,
                phone=phone, facilities=facilities, opening_hours=hours, locale=zh,
            )
            branch.full_clean()
            branch.save()
            created += 1
        translate(branch, {name: name_en, address: address_en, **ENGLISH_TEXT})
    stdout.write(f"服务网点：新建 {created} 个，共 {Branch.objects.filter(locale=zh).count()} 个")


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
