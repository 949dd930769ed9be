"""Demo activities of the 云溪市图书馆: categories, an event list and dated activities around today,
including a full event with a waitlist and a cancelled one. Called by ``load_demo`` with the home
page as parent (events may not import home)."""

from datetime import datetime, time, timedelta
from typing import NamedTuple

from django.utils import timezone
from wagtail.models import Locale

from portal import demo_images
from portal.demo_support import CAMPAIGN_STARTS, child_page, demo_day, en_date, english_locale, translate
from portal.models import Branch
from portal.templatetags.portal_tags import CHINESE_WEEKDAYS

from . import lectures_demo
from .models import (
    EventCategory,
    EventIndexPage,
    EventPage,
    EventSectionPage,
    EventStatus,
    Registration,
    RegistrationStatus,
)
from .recurrence import create_occurrences, occurrence_starts

CATEGORIES = [
    ("reading-club", "读书会", "Reading club"),
    ("lecture", "讲座", "Lecture"),
    ("exhibition", "展览", "Exhibition"),
    ("family", "亲子", "Family"),
    ("recitation", "经典诵读", "Classics recitation"),
    ("training", "培训", "Training"),
    ("other", "其他", "Other"),
]


class DemoEvent(NamedTuple):
    slug: str
    category: str  # an EventCategory's slug
    branch: str | None  # a Branch's code; None for an online activity
    day: int | str  # days from today, or the next such weekday ("wed"): see demo_day
    start: str  # "19:00"
    hours: float
    title: str
    title_en: str
    summary: str
    summary_en: str
    audiences: list
    registration: tuple | None  # (capacity, waitlist, seats per person); None: no registration
    status: str


EVENTS = [DemoEvent(*row) for row in [
    ("weekly-reading-club", "reading-club", "ZG", "wed", "19:00", 2, "周三夜读会：《平凡的世界》", "Wednesday night reading club: Ordinary World",
     "一起读路遥的《平凡的世界》，本周讨论第一部。", "Reading Lu Yao's Ordinary World together; this week, part one.",
     ["adults"], (30, 10, 1), EventStatus.SCHEDULED),
    ("picture-book-time", "family", "FG01", "sat", "10:00", 1, "周末绘本时光", "Weekend picture-book time",
     "为 3 到 6 岁的孩子和家长准备的绘本共读。", "Picture books shared with children aged 3 to 6 and their parents.",
     ["children", "families"], (12, 6, 3), EventStatus.SCHEDULED),
    ("classics-recitation", "recitation", "ZG", 8, "15:00", 2, "经典诵读会：唐诗里的四季", "Recitation: the four seasons in Tang poems",
     "朗读与讲解唐诗中的四季，欢迎上台诵读。", "Readings and notes on the seasons in Tang poetry; everyone may read aloud.",
     ["teens", "adults", "seniors"], (80, 20, 2), EventStatus.SCHEDULED),
    ("job-seekers-training", "training", "YSF01", 10, "14:00", 3, "青年求职技能培训：简历与面试", "Job-seeker training: CVs and interviews",
     "面向青年求职者的简历写作与模拟面试。", "CV writing and mock interviews for young job-seekers.",
     ["adults"], (25, 5, 1), EventStatus.SCHEDULED),
    ("full-origami", "family", "FG02", 4, "10:00", 2, "亲子折纸工作坊", "Family origami workshop",
     "和孩子一起用彩纸折出小动物和花朵，纸张由图书馆准备。", "Fold paper animals and flowers with your child; the library provides the paper.",
     ["families"], (4, 4, 2), EventStatus.SCHEDULED),
    ("lantern-riddles", "other", "ZG", 6, "18:30", 2, "灯谜游艺会", "Lantern riddles evening",
     "猜灯谜、写灯谜，猜中的有小奖品。", "Guess and write lantern riddles; right answers win small prizes.",
     ["children", "families", "adults"], (100, 0, 4), EventStatus.CANCELLED),
    ("photo-exhibition", "exhibition", "YSF02", 1, "09:00", 8, "“书香云溪”摄影展", "Reading Yunxi photo exhibition",
     "市民镜头里的阅读时光，免费参观，无需报名。", "Reading moments through citizens' lenses; free, no registration.",
     ["teens", "adults", "seniors"], None, EventStatus.SCHEDULED),
    ("braille-reading", "reading-club", "ZG", -6, "10:00", 2, "视障读者有声书分享会", "Audiobook circle for visually impaired readers",
     "与视障读者一起聆听和分享有声书。", "Listening to and talking about audiobooks with visually impaired readers.",
     ["disabled", "seniors"], (20, 0, 2), EventStatus.SCHEDULED),
    ("winter-reading-challenge", "family", "FG01", 20, "09:30", 2, "少儿寒假主题阅读启动", "Children's winter reading challenge launch",
     "领取寒假阅读打卡册，读满 10 本书可换取小奖品。", "Collect a winter reading log; ten books read earns a small prize.",
     ["children", "families"], (60, 20, 3), EventStatus.SCHEDULED),
    ("smartphone-class", "training", "YSF01", 2, "09:30", 2, "老年人智能手机课：用手机借书", "Smartphones for seniors: borrowing with your phone",
     "手把手教老年读者用手机查书、续借和预约。", "Step-by-step help for older readers to search, renew and reserve on their phones.",
     ["seniors"], (20, 5, 1), EventStatus.SCHEDULED),
    ("city-memory-salon", "reading-club", "ZG", -3, "19:00", 2, "读书沙龙：城市与记忆", "Reading salon: the city and memory",
     "从《城南旧事》谈起，分享你记忆里的云溪老街。", "Starting from Memories of Peking, share your memories of Yunxi's old streets.",
     ["adults", "seniors"], (40, 10, 1), EventStatus.SCHEDULED),
    ("nanhu-story-time", "family", "FG02", 0, "16:00", 1, "南湖故事会：冬天的童话", "Nanhu story time: winter tales",
     "志愿者给孩子读冬天的童话，读完一起画一幅画。", "Volunteers read winter tales to children, then everyone draws a picture.",
     ["children", "families"], (20, 5, 2), EventStatus.SCHEDULED),
    ("kids-science-reading", "family", "FG02", -10, "14:30", 2, "少儿科普阅读：星空里的故事", "Science reading for children: stories of the stars",
     "读科普绘本，动手做一张星座转盘。", "Read science picture books and make a star wheel.",
     ["children", "families"], (30, 10, 2), EventStatus.SCHEDULED),
    ("ancient-books-exhibition", "exhibition", "ZG", -15, "09:00", 9, "馆藏古籍与地方文献展", "Exhibition: rare books and local records",
     "展出馆藏明清刻本与云溪地方志，免费参观。", "Ming and Qing editions and Yunxi gazetteers from the collection; free entry.",
     ["teens", "adults", "seniors"], None, EventStatus.SCHEDULED),
    ("reading-month-opening", "other", "ZG", CAMPAIGN_STARTS, "09:30", 2, "云溪读书月开幕式", "Yunxi Reading Month opening",
     "读书月开幕，发布年度好书推荐和书香家庭名单。", "Opening of the reading month: this year's recommendations and 书香 families.",
     ["children", "teens", "adults", "seniors"], None, EventStatus.SCHEDULED),
    ("family-shared-reading", "family", "FG03", 12, "10:00", 1, "亲子共读：和孩子一起读《小王子》", "Family reading: The Little Prince",
     "家长和孩子一起朗读、讨论《小王子》。", "Parents and children read The Little Prince aloud and talk about it.",
     ["families", "children"], (10, 4, 3), EventStatus.SCHEDULED),
    ("sign-language-stories", "reading-club", "FG01", 9, "15:00", 1, "手语故事会", "Stories in sign language",
     "手语老师和志愿者用手语和声音同时讲故事，听障和健听的孩子都欢迎。", "Stories told in sign language and speech at once, for deaf and hearing children alike.",
     ["disabled", "children", "families"], (25, 5, 2), EventStatus.SCHEDULED),
    ("calligraphy-class", "training", "YSF02", 7, "14:00", 2, "书法体验课：写一副春联", "Calligraphy: write a Spring Festival couplet",
     "老师现场指导，材料费 20 元，现场缴纳。", "A teacher guides you; materials cost 20 yuan, paid on the day.",
     ["teens", "adults"], (15, 5, 1), EventStatus.SCHEDULED),
    ("online-book-talk", "reading-club", None, 4, "20:00", 1, "线上读书分享会：《活着》", "Online book talk: To Live",
     "在直播间一起聊余华的《活着》，无需报名。", "Talk about Yu Hua's To Live together in the live stream; no registration.",
     ["adults"], None, EventStatus.SCHEDULED),
    ("poetry-week-postponed", "recitation", "FG03", 14, "19:00", 2, "诗歌朗诵之夜", "Poetry night",
     "读者和本地诗人一起朗诵自己喜爱的诗。", "Readers and local poets read aloud the poems they love.",
     ["teens", "adults"], (50, 10, 2), EventStatus.POSTPONED),
]]

# Activities with something the table above does not say.
EXTRAS = {
    "calligraphy-class": {"is_free": False, "fee_note": "材料费 20 元"},
    "online-book-talk": {"online_url": "https://live.example.cn/yunxi-library", "book_isbns": "9787345954403"},
    "weekly-reading-club": {"room": "三楼多功能厅", "book_isbns": "9787856208958\n9787163512243"},  # 平凡的世界, 路遥传
    "city-memory-salon": {"book_isbns": "9787950563168"},  # 城南旧事
    "family-shared-reading": {"book_isbns": "9787755123970"},  # 小王子
    "lantern-riddles": {"status_note": "因场馆维修，本次活动取消。"},
    "poetry-week-postponed": {"status_note": "因嘉宾行程变动，改期至下月，已报名的读者无需重新报名。"},
}
ENGLISH_EXTRAS = {"材料费 20 元": "Materials: 20 yuan", "三楼多功能厅": "Third-floor multipurpose hall",
                  "因场馆维修，本次活动取消。": "Cancelled because of building repairs.",
                  "因嘉宾行程变动，改期至下月，已报名的读者无需重新报名。":
                  "Moved to next month because of a guest's schedule; existing registrations stay valid."}
# Branches whose activities live in their own section of the event list (home.roles: their
# librarians edit them there); the other branches' activities are the central library's work.
BRANCH_SECTIONS = ["FG01", "FG02"]
WEEKLY_CLUB_REPEATS = 3
WEEKLY = {"weekly-reading-club"}

WAITING_FAMILIES = [("王女士", "13800000001", 2), ("李先生", "13800000002", 2), ("陈女士", "13800000003", 2),
                    ("赵先生", "13800000004", 1)]


def load(home, stdout):
    zh = Locale.get_default()
    english = {}
    categories = {}
    for slug, name, name_en in CATEGORIES:
        category = EventCategory.objects.filter(slug=slug, locale=zh).first()
        if category is None:
            category = EventCategory.objects.create(slug=slug, name=name, locale=zh)
        translate(category, {name: name_en})
        categories[slug] = category

    index = EventIndexPage.objects.child_of(home).first()
    if index is None:
        index = EventIndexPage(title="活动报名", slug="events", show_in_menus=True,
                               intro="读书会、讲座、展览和亲子活动，大部分免费，部分需要报名。")
        home.add_child(instance=index)
        index.save_revision().publish()
    english.update({"活动报名": "Events", "读书会、讲座、展览和亲子活动，大部分免费，部分需要报名。":
                    "Reading clubs, lectures, exhibitions and family activities: mostly free, some need registration."})
    translate(index, english)

    sections = {}
    for code in BRANCH_SECTIONS:
        branch = Branch.objects.get(code=code, locale=zh)
        sections[code] = EventSectionPage.for_branch(index, branch)
        translate(sections[code], {branch.name: branch.get_translation(english_locale()).name})

    today = timezone.localdate()
    created = 0
    for demo in EVENTS:
        english.update({demo.title: demo.title_en, demo.summary: demo.summary_en})
        event, new = child_page(sections.get(demo.branch, index), EventPage, demo.slug,
                                lambda demo=demo: new_event(demo, zh, today, categories, english), among=index)
        if new:
            created += 1
            if demo.slug == "full-origami":
                fill_with_demo_registrations(event)
            if demo.slug == "weekly-reading-club":
                occurrences = create_occurrences(event, occurrence_starts(event.start, "weekly", count=WEEKLY_CLUB_REPEATS))
                created += len(occurrences)
        translate(event, {**english, **ENGLISH_EXTRAS, "云溪市图书馆": "Yunxi City Library"})
    for occurrence in EventPage.objects.child_of(index).filter(slug__startswith="weekly-reading-club-"):
        translate(occurrence.specific, {**english, **ENGLISH_EXTRAS, "云溪市图书馆": "Yunxi City Library"})
    created += lectures_demo.load(index, categories["lecture"], english)
    stdout.write(f"活动和讲座：新建 {created} 个，共 {EventPage.objects.filter(locale=zh).count()} 个")
    return index


def new_event(demo, zh, today, categories, english):
    begins = timezone.make_aware(datetime.combine(demo_day(today, demo.day), time.fromisoformat(demo.start)))
    capacity, waitlist, seats = demo.registration or (0, 0, 1)
    branch = Branch.objects.get(code=demo.branch, locale=zh) if demo.branch else None
    image, alt = event_poster(demo.slug, demo.title, demo.title_en, demo.category, begins, branch, english)
    return EventPage(
        title=demo.title, slug=demo.slug, summary=demo.summary, start=begins, end=begins + timedelta(hours=demo.hours),
        branch=branch, image=image, image_alt=alt, category=categories[demo.category], **EXTRAS.get(demo.slug, {}),
        audiences=demo.audiences, organiser="云溪市图书馆", status=demo.status,
        registration_required=demo.registration is not None, capacity=capacity, waitlist_size=waitlist,
        max_seats_per_person=seats,
    )


def event_poster(slug, title, title_en, category, begins, branch, english):
    """(the activity's poster, its alternative text), the date on it written from ``begins``; a
    weekly club's poster names its weekday, since each week's copy shows the same picture."""
    local = timezone.localtime(begins)
    if slug in WEEKLY:
        day = f"每周{CHINESE_WEEKDAYS[local.weekday()]} {local:%H:%M}"
        day_en = f"every {local:%A} at {local:%H:%M}"
    else:
        day, day_en = demo_images.when(local), f"{local:%A} {en_date(local)}, {local:%H:%M}"
    place = branch.name if branch else "线上"
    picture = demo_images.poster(title, [day, place], palette=category, seed=len(slug))
    alt = f"活动海报：{title}，{day}，{place}"
    english[alt] = f"Poster: {title_en}, {day_en}"
    return demo_images.store(picture, f"活动海报：{title}", f"event-{slug}.jpg"), alt


def fill_with_demo_registrations(event):
    """Fictional people (phones 138000000xx) so that the demo shows a full event with a waitlist."""
    now = timezone.now()
    taken = 0
    for number, (name, phone, seats) in enumerate(WAITING_FAMILIES):
        status = RegistrationStatus.CONFIRMED if taken + seats <= event.capacity else RegistrationStatus.WAITLISTED
        taken += seats if status == RegistrationStatus.CONFIRMED else 0
        Registration.objects.create(
            event=event, code=f"DEMO{number + 2:04d}", name=name, phone=phone, seats=seats, status=status,
            consented_at=now, created_at=now + timedelta(seconds=number),
        )
