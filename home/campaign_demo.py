"""The demo 书香 campaign: 书香云溪全民阅读月, running now so that its events are current, with a
countdown to its reading marathon (the campaign's last Saturday), its reading lists, new arrivals, the borrowing ranking, honour rolls and
partners; translated through wagtail-localize."""

from datetime import timedelta

from django.utils import timezone

from catalog_search.models import ReadingListPage
from events.models import EventCategory, EventIndexPage
from portal import demo_images
from portal.demo_support import CAMPAIGN_ENDS, CAMPAIGN_STARTS, Glossary, child_page, demo_day, translate, zh_date

from .models import CampaignPage, SurveyFormField, SurveyPage

ENGLISH = Glossary()
en = ENGLISH.add

TITLE = en("书香云溪·全民阅读月", "Reading Yunxi Month")
THEME = en("阅读点亮生活", "Reading lights up life")
INTRO = en("一个月里，总馆、分馆和城市阅书房一起办读书会、经典诵读、亲子阅读和名家讲座，"
           "评选书香家庭、书香校园和书香机关。",
           "For a month the central library, its branches and the city reading rooms host reading clubs, classics "
           "recitals, family reading and lectures, and honour reading families, schools and offices.")


def campaign_dates(today):
    """(first day, last day, the reading marathon: the last Saturday of the campaign)."""
    start, end = demo_day(today, CAMPAIGN_STARTS), demo_day(today, CAMPAIGN_ENDS)
    return start, end, end - timedelta(days=(end.weekday() - 5) % 7)


def body(reading_lists, categories):
    today = timezone.localdate()
    year = today.year
    return [
        ("countdown", {"text": en("阅读马拉松", "the reading marathon"), "date": campaign_dates(today)[2]}),
        ("events", {"heading": en("阅读月活动", "Events of the month"), "category": None, "within_campaign": True,
                    "count": 6}),
        ("events", {"heading": en("读书会", "Reading clubs"), "category": categories.get("reading-club"),
                    "within_campaign": False, "count": 3}),
        ("reading_lists", {"heading": en("阅读月推荐书单", "Reading lists of the month"), "lists": reading_lists}),
        ("new_arrivals", {"heading": en("新书推荐", "New arrivals"), "days": 90, "count": 8, "clc": "I",
                          "audience": ""}),
        ("ranking", {"heading": en("借阅排行榜", "Most borrowed"), "days": "30", "period": "", "count": 10,
                     "clc": "", "audience": ""}),
        ("ranking", {"heading": en("少儿借阅排行榜", "Most borrowed children's books"), "days": "", "period": "",
                     "count": 5, "clc": "", "audience": "children"}),
        ("honour_roll", {"kind": "family", "year": year, "honourees": [
            {"name": en("李明一家", "The Li Ming family"),
             "citation": en("三代人坚持每周共读，家中藏书两千册。", "Three generations read together every week; "
                                                         "they keep two thousand books at home.")},
            {"name": en("王芳一家", "The Wang Fang family"),
             "citation": en("带动整个小区成立了亲子读书会。", "Started a family reading club for their whole estate.")},
        ]}),
        ("honour_roll", {"kind": "school", "year": year, "honourees": [
            {"name": en("云溪市实验小学", "Yunxi Experimental Primary School"),
             "citation": en("每个班级都有图书角，每天晨读二十分钟。", "A book corner in every class and twenty "
                                                        "minutes of morning reading each day.")},
        ]}),
        ("honour_roll", {"kind": "office", "year": year, "honourees": [
            {"name": en("云溪市税务局", "Yunxi City Tax Bureau"),
             "citation": en("建成职工书屋，与图书馆通借通还。", "Built a staff reading room that shares loans with the "
                                                   "library.")},
        ]}),
        ("partners", {"heading": en("合作单位", "Partners"), "partners": [
            {"name": en("云溪市文化广电和旅游局", "Yunxi Bureau of Culture and Tourism"), "url": None, "logo": None},
            {"name": en("云溪市教育局", "Yunxi Education Bureau"), "url": None, "logo": None},
            {"name": en("共青团云溪市委", "Yunxi Communist Youth League Committee"), "url": None, "logo": None},
        ]}),
    ]


def load(home, stdout):
    campaign, _ = child_page(home, CampaignPage, "reading-month", lambda: new_campaign(home))
    translate(campaign, ENGLISH)
    survey = load_survey(campaign)
    stdout.write(f"书香活动专题：{campaign.title}（{campaign.start_date}—{campaign.end_date}），问卷：{survey.title}")
    return campaign


def new_campaign(home):
    """The reading month, dated from today, its body gathering the demo's lists and activities."""
    today = timezone.localdate()
    reading_lists = list(ReadingListPage.objects.live().filter(locale=home.locale).order_by("path"))
    categories = {category.slug: category for category in EventCategory.objects.filter(locale=home.locale)}
    blocks = [(kind, value) for kind, value in body(reading_lists, categories) if value is not None]
    blocks.insert(1, ("call_to_action", {"text": en("报名参加活动", "Sign up for an event"),
                                         "page": EventIndexPage.objects.child_of(home).first(), "url": ""}))
    start, end, _marathon = campaign_dates(today)
    alt = en(f"{TITLE}主题海报：{THEME}", f"Poster of {ENGLISH[TITLE]}: {ENGLISH[THEME]}")
    picture = demo_images.poster(TITLE, [THEME, f"{zh_date(start)}—{zh_date(end)}"], palette="reading-club",
                                 seed=423, size=(1600, 800))
    return CampaignPage(slug="reading-month", title=TITLE, theme=THEME, intro=INTRO, hero_alt=alt,
                        hero_image=demo_images.store(picture, alt, "campaign-reading-month.jpg"),
                        start_date=start, end_date=end, body=blocks, show_in_menus=True)


SATISFACTION = en("您对本次阅读月活动满意吗？", "How satisfied are you with the reading month?")
SURVEY_FIELDS = [
    (SATISFACTION, "radio", True, en("非常满意\n满意\n一般\n不满意", "Very satisfied\nSatisfied\nNeutral\nDissatisfied")),
    (en("您参加了哪些活动？", "Which events did you attend?"), "checkboxes", False,
     en("读书会\n讲座\n亲子阅读\n经典诵读\n展览", "Reading club\nLecture\nFamily reading\nClassics recitation\nExhibition")),
    (en("意见和建议", "Comments and suggestions"), "multiline", False, ""),
]


def load_survey(campaign):
    for _label, _kind, _required, choices in SURVEY_FIELDS:
        if choices:  # wagtail-localize keeps a multi-line text as one segment with <br/> for newlines
            en(choices.replace("\n", "<br/>"), ENGLISH[choices].replace("\n", "<br/>"))
    survey, _ = child_page(campaign, SurveyPage, "survey", new_survey)
    translate(survey, ENGLISH)
    return survey


def new_survey():
    survey = SurveyPage(
        slug="survey", title=en("阅读月读者满意度调查", "Reading month satisfaction survey"),
        intro=en("三个问题，一分钟。不需要填写姓名和电话。", "Three questions, one minute. No name or phone needed."),
        thank_you_text=en("谢谢您的意见！我们会认真阅读每一条反馈。", "Thank you! We read every response."),
        satisfaction_question=SATISFACTION, satisfied_answers=en("非常满意,满意", "Very satisfied,Satisfied"))
    survey.form_fields = [SurveyFormField(label=label, field_type=kind, required=required, choices=choices,
                                          sort_order=position)
                          for position, (label, kind, required, choices) in enumerate(SURVEY_FIELDS)]
    return survey
