"""Demo pages of the front door: the home page, news, a reader's guide and the privacy notice,
each with its English translation made through wagtail-localize."""

from datetime import timedelta

from django.utils import timezone
from wagtail.rich_text import RichText

from portal import demo_images
from portal.demo import next_spring_festival_eve
from portal.demo_support import Glossary, child_page, en_date, translate, zh_date
from portal.models import Branch, BranchType

from . import demo_map
from .campaign_demo import campaign_dates
from .models import ArticleIndexPage, ArticlePage, BranchMapPage, HomePage

ENGLISH = Glossary()
en = ENGLISH.add


def paragraphs(*pairs):
    return [("paragraph", RichText(f"<p>{en(zh, english)}</p>")) for zh, english in pairs]


def heading(zh, english):
    return ("heading", {"text": en(zh, english), "level": "h2"})


HOME_TITLE = en("云溪市图书馆", "Yunxi City Library")
HOME_HERO_ALT = en("云溪市图书馆总馆外观示意图", "Drawing of the central library building")
HOME_TAGLINE = en("书香云溪 · 全民阅读 —— 读书、听讲座、找分馆，都在这里。",
                  "Reading Yunxi: books, lectures and branches near you, all in one place.")


def articles(today):
    """The news, dated around ``today``. What they say of dates is written from the same dates the
    campaign, the events and the branches' closing days are made from, so that nothing contradicts."""
    start, end, marathon = campaign_dates(today)
    eve = next_spring_festival_eve(today)
    return [
        {
            "slug": "reading-month-opens",
            "kind": ArticlePage.Kind.NEWS,
            "date": start,
            "title": en("“书香云溪”全民阅读月正式启动", "Reading Yunxi Month opens"),
            "summary": en(f"{zh_date(start)}至{zh_date(end)}，总馆和各分馆将举办读书沙龙、经典诵读、亲子阅读等六十余场活动。",
                          f"From {en_date(start)} to {en_date(end)} the central library and its branches host "
                          "over sixty events: book salons, classics recitals and family reading."),
            "body": lambda: [
                *paragraphs(
                    (f"{zh_date(start)}上午，“书香云溪”全民阅读月在总馆一楼大厅启动。本届阅读月以“阅读点亮生活”为主题，"
                     f"持续到{zh_date(end)}。",
                     f"On the morning of {en_date(start)}, Reading Yunxi Month opened in the central library's "
                     f"lobby. This year's theme is “Reading lights up life”; the month runs until {en_date(end)}."),
                ),
                heading("活动亮点", "Highlights"),
                *paragraphs(
                    (f"{zh_date(marathon)}（星期六），总馆将举办二十四小时不闭馆的“阅读马拉松”，各城市阅书房同时设置换书角。",
                     f"On Saturday {en_date(marathon)} the central library stays open for a 24-hour reading "
                     "marathon, and every city reading room sets up a book-swap corner."),
                    ("所有活动均免费，部分活动需提前在本网站报名。",
                     "All events are free; some need registration on this website."),
                ),
            ],
        },
        {
            "slug": "children-room-reopens",
            "kind": ArticlePage.Kind.NEWS,
            "date": today - timedelta(days=9),
            "title": en("总馆少儿阅览室改造完成，重新开放", "Central library children's room reopens"),
            "summary": en("改造后的少儿阅览室新增绘本区、亲子共读区和无障碍座位。",
                          "The renovated children's room adds a picture-book area, a family reading corner "
                          "and accessible seating."),
            "body": lambda: paragraphs(
                ("经过三个月的改造，总馆三楼少儿阅览室于本周重新开放，藏书增至四万余册。",
                 "After three months of work, the children's room on the third floor of the central library "
                 "reopened this week with more than forty thousand books."),
                ("阅览室设有低矮书架和无障碍通道，轮椅可直达各区域。",
                 "Low shelves and step-free aisles let wheelchairs reach every area."),
            ),
        },
        {
            "slug": "two-new-reading-rooms",
            "kind": ArticlePage.Kind.NEWS,
            "date": today - timedelta(days=16),
            "title": en("银杏街、滨江两处城市阅书房投入使用", "Two new city reading rooms open"),
            "summary": en("两处阅书房与总馆通借通还，市民刷读者证或身份证即可入内。",
                          "Both reading rooms share loans and returns with the central library; enter with a "
                          "library card or ID card."),
            "body": lambda: paragraphs(
                ("银杏街城市阅书房和滨江城市阅书房近日投入使用，每天开放，提供自助借还和免费无线网络。",
                 "The Ginkgo Street and Riverside reading rooms are now open every day, with self-service "
                 "loans and free Wi-Fi."),
            ),
        },
        {
            "slug": "spring-festival-hours",
            "kind": ArticlePage.Kind.NOTICE,
            # Two weeks ahead, or yesterday when the festival is further off than that.
            "date": min(today - timedelta(days=1), eve - timedelta(days=14)),
            "title": en("春节期间开放时间调整公告", "Opening hours over the Spring Festival"),
            "summary": en(f"{eve.year}年{zh_date(eve)}（除夕）至{zh_date(eve + timedelta(days=2))}（正月初二）总馆及各分馆闭馆，"
                          "24 小时自助图书馆照常服务。",
                          f"The central library and branches close from {en_date(eve)} {eve.year} (New Year's Eve) "
                          f"to {en_date(eve + timedelta(days=2))} (the second day of the New Year); the 24-hour library "
                          "stays open."),
            "body": lambda: paragraphs(
                (f"除夕至正月初二（{zh_date(eve)}至{zh_date(eve + timedelta(days=2))}），总馆及各分馆闭馆；"
                 f"正月初三（{zh_date(eve + timedelta(days=3))}）起恢复正常开放。",
                 f"The central library and branches close from New Year's Eve to the second day of the New Year "
                 f"({en_date(eve)} to {en_date(eve + timedelta(days=2))}) and reopen on the third day "
                 f"({en_date(eve + timedelta(days=3))})."),
                ("闭馆期间，火车东站 24 小时自助图书馆照常提供借还服务，到期图书可延期归还，不产生逾期费用。",
                 "While they are closed, the 24-hour library at the East Railway Station keeps lending; "
                 "books due in that time may be returned later without a fee."),
            ),
        },
    ]


GUIDE = {
    "slug": "guide",
    "kind": ArticlePage.Kind.INFO,
    "title": en("读者指南", "Reader's guide"),
    "summary": en("办证、借还、续借和无障碍服务一览。",
                  "Library cards, loans, renewals and accessible services at a glance."),
    "body": lambda: [
        heading("办理读者证", "Getting a library card"),
        *paragraphs(
            ("凭本人身份证到任一服务网点即可免费办理读者证，也可在微信公众号在线办理电子读者证。",
             "Bring your ID card to any service point for a free library card, or get an e-card through "
             "our WeChat account."),
        ),
        heading("借阅规则", "Borrowing"),
        *paragraphs(
            ("每证可借图书 10 册，借期 30 天，可续借一次。全市各网点通借通还。",
             "Each card borrows up to 10 books for 30 days, renewable once. Return them at any service "
             "point in the city."),
        ),
        heading("无障碍服务", "Accessible services"),
        *paragraphs(
            ("总馆设有视障阅览室，提供盲文图书、有声读物和助视器，可预约上门送书。",
             "The central library has a reading room for visually impaired readers with braille books, "
             "audiobooks and magnifiers; home delivery can be booked."),
        ),
    ],
}

PRIVACY = {
    "slug": "privacy",
    "kind": ArticlePage.Kind.INFO,
    "title": en("隐私政策", "Privacy notice"),
    "summary": en("我们收集哪些个人信息、为什么收集、保存多久，以及您享有的权利。",
                  "What personal information we collect, why, how long we keep it, and your rights."),
    "body": lambda: [
        heading("我们收集的信息", "What we collect"),
        *paragraphs(
            ("浏览本网站无需注册，我们不收集可识别您身份的信息。报名参加活动时，我们仅收集活动所需的姓名、手机号码和报名人数，以及活动页面注明的其他必要信息。",
             "You can browse this site without an account, and we collect nothing that identifies you. "
             "When you register for an event we collect only your name, mobile number and number of "
             "seats, plus any other information the event page says it needs."),
        ),
        heading("用途与保存期限", "Use and retention"),
        *paragraphs(
            ("这些信息仅用于活动签到和通知，不用于其他目的，不向第三方提供。活动结束后，个人信息将在规定期限内删除，仅保留不含个人信息的统计数字。",
             "We use this information only for check-in and event notices, for no other purpose, and "
             "share it with no third party. After the event your personal information is deleted within "
             "the stated period; only anonymous counts are kept."),
        ),
        heading("您的权利", "Your rights"),
        *paragraphs(
            ("依据《中华人民共和国个人信息保护法》，您可以查询、更正、删除您的个人信息，或撤回同意。请致电咨询台或发送电子邮件联系我们。",
             "Under the Personal Information Protection Law of the PRC you may access, correct or delete "
             "your personal information, or withdraw your consent. Call the help desk or email us."),
        ),
    ],
}

BRANCHES_TITLE = en("服务网点", "Branches")
BRANCHES_INTRO = en("总馆、分馆、城市阅书房、24 小时自助图书馆和流动图书馆，找一个离您最近、现在开着的。",
                    "The central library, branches, city reading rooms, the 24-hour library and the mobile "
                    "library: find the nearest one that is open now.")
NEWS_INDEX_TITLE = en("新闻动态", "News")
NEWS_INDEX_INTRO = en("图书馆的新闻、通知与公告。", "News and notices from the library.")
# The activity list and the reading lists are made after the home page (by the events and
# catalogue demos, which need its translation to exist), so they are linked by address.
QUICK_LINKS = [
    (en("活动报名", "Events"), None, en("/events/", "/en/events/")),
    (en("馆藏检索", "Search the catalogue"), None, en("/catalogue/search/", "/en/catalogue/search/")),
    (en("好书推荐", "Reading lists"), None, en("/books/", "/en/books/")),
    (en("服务网点", "Branches"), "branches", None),
    (en("新闻动态", "News"), "news", None),
    (en("读者指南", "Reader's guide"), "guide", None),
]
HOME_BODY = [
    ("new_arrivals", {"heading": en("新书推荐", "New arrivals"), "days": 90, "count": 6, "clc": "", "audience": ""}),
    ("reading_lists", {"heading": en("推荐书单", "Reading lists"), "lists": []}),
]


def home_page():
    home = HomePage.objects.filter(locale__language_code="zh-hans").first()
    if home is None:
        raise RuntimeError("没有找到首页：请先运行 python manage.py migrate")
    return home


def load(stdout):
    """Returns the privacy page, which the library settings link to."""
    home = home_page()

    branches, _ = child_page(home, BranchMapPage, "branches", lambda: BranchMapPage(
        slug="branches", title=BRANCHES_TITLE, intro=BRANCHES_INTRO, show_in_menus=True,
        base_map=base_map_document(home)))
    news, _ = child_page(home, ArticleIndexPage, "news", title=NEWS_INDEX_TITLE, intro=NEWS_INDEX_INTRO,
                         show_in_menus=True)
    for article in articles(timezone.localdate()):
        alt = en(f"新闻配图：{article['title']}", f"Picture for the news: {ENGLISH[article['title']]}")
        child_page(news, ArticlePage, article["slug"], lambda article=article, alt=alt: news_article(article, alt))
    guide, _ = child_page(home, ArticlePage, GUIDE["slug"], title=GUIDE["title"], kind=GUIDE["kind"],
                          summary=GUIDE["summary"], body=GUIDE["body"](), show_in_menus=True)
    privacy, _ = child_page(home, ArticlePage, PRIVACY["slug"], title=PRIVACY["title"], kind=PRIVACY["kind"],
                            summary=PRIVACY["summary"], body=PRIVACY["body"]())

    if not home.tagline and not home.quick_links:  # still the empty page the migration made
        home.title = home.draft_title = HOME_TITLE
        home.tagline = HOME_TAGLINE
        home.quick_links = [
            ("link", {"label": label, "page": {"news": news, "guide": guide, "branches": branches}.get(target),
                      "url": url or ""})
            for label, target, url in QUICK_LINKS
        ]
        home.body = HOME_BODY
        # The central library's picture (made with the branches), as a library would lead with its building.
        central = Branch.objects.filter(branch_type=BranchType.CENTRAL, locale=home.locale).first()
        if central is not None and central.photo is not None:
            home.hero_image, home.hero_alt = central.photo, HOME_HERO_ALT
        home.save_revision().publish()
        stdout.write("首页：已填写演示内容")

    # Parents before children: wagtail-localize places a translation under its parent's translation.
    for page in [home, branches, news, *news.get_children().specific(), guide, privacy]:
        translate(page, ENGLISH)
    stdout.write(f"页面：共 {ArticlePage.objects.filter(locale=home.locale).count()} 篇文章（含英文译本）")
    return privacy


def news_article(article, alt):
    picture = demo_images.poster(article["title"], [f"{article['date']:%Y-%m-%d}"], palette="lecture",
                                 seed=len(article["slug"]))
    return ArticlePage(slug=article["slug"], title=article["title"], kind=article["kind"], date=article["date"],
                       summary=article["summary"], body=article["body"](), image_alt=alt,
                       image=demo_images.store(picture, alt, f"news-{article['slug']}.jpg"))


def base_map_document(home):
    """The demo city's outline (home.demo_map) as a document, for the map page's 底图."""
    located = Branch.objects.filter(locale=home.locale, latitude__isnull=False, longitude__isnull=False)
    points = [(branch.district or branch.name, float(branch.longitude), float(branch.latitude)) for branch in located]
    if not points:
        return None
    central = next((branch for branch in located if branch.branch_type == BranchType.CENTRAL), located[0])
    outline = demo_map.base_map(points, (float(central.longitude), float(central.latitude)))
    return demo_images.store_document(demo_map.as_bytes(outline), "演示城市底图（GeoJSON）", "yunxi-base-map.geojson")


