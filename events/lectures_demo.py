"""The demo lecture series 云溪文化大讲堂: speakers, three past lectures with recording, handout and
summary (the archive), and two coming ones."""

from datetime import datetime, time, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Locale
from wagtail.rich_text import RichText

from portal.demo_support import child_page, translate
from portal.models import Branch

from .models import LecturePage, LectureSeriesPage, LectureSpeaker, Speaker

SERIES = ("yunxi-lectures", "云溪文化大讲堂", "Yunxi Culture Lectures",
          "每月两讲，请学者和作家讲文学、历史与科学；往期讲座可看回放、下载讲义。",
          "Two lectures a month by scholars and writers on literature, history and science; past lectures "
          "have recordings and handouts.")

# key, name, English name, title, English title, bio, English bio
SPEAKERS = [
    ("lin", "林思远", "Lin Siyuan", "云溪大学文学院教授", "Professor of Literature, Yunxi University",
     "研究明清小说二十余年，著有《红楼梦里的日常》。", "Has studied Ming and Qing fiction for twenty years."),
    ("zhou", "周敏", "Zhou Min", "市非物质文化遗产保护中心研究员", "Researcher, City Intangible Heritage Centre",
     "长期调查记录云溪方言和地方戏曲。", "Has long recorded Yunxi's dialect and local opera."),
    ("chen", "陈晓", "Chen Xiao", "儿童阅读推广人", "Children's reading promoter",
     "在社区图书馆带领亲子读书会十年。", "Has led family reading groups in community libraries for ten years."),
    ("wang", "王立", "Wang Li", "市科技馆研究员", "Researcher, City Science Museum",
     "科普作家，主持少儿科学阅读项目。", "Science writer who runs a children's science reading programme."),
]

# slug, days from today, speakers, title, English title, summary, English summary, past: recording?
LECTURES = [
    ("dream-of-red-mansions", -28, ["lin"], "《红楼梦》里的日常生活", "Everyday life in Dream of the Red Chamber",
     "从饮食、节令和书信看大观园里的日子。", "Meals, seasons and letters in the Grand View Garden."),
    ("dialect-and-opera", -14, ["zhou"], "云溪方言与地方戏", "Yunxi dialect and local opera",
     "听老艺人的录音，认识云溪话里的古音。", "Old performers' recordings and the old sounds in Yunxi speech."),
    ("whole-book-reading", -7, ["chen"], "如何陪孩子读整本书", "Reading whole books with children",
     "给家长的整本书阅读方法，附书单。", "Whole-book reading for parents, with a book list."),
    ("poems-and-cities", 7, ["lin", "zhou"], "唐诗中的城市", "Cities in Tang poetry",
     "长安、扬州、成都：诗人笔下的城市生活。", "Chang'an, Yangzhou, Chengdu: city life in the poets' lines."),
    ("science-and-reading", 21, ["wang"], "科普阅读与科学精神", "Science reading and the scientific spirit",
     "怎样为孩子挑选好的科普书。", "How to choose good science books for children."),
]

AFTERWARDS = "主讲人结合馆藏文献作了讲解，现场读者提问踊跃。"
AFTERWARDS_EN = " The speaker drew on the library's collection; readers asked many questions."


def load(index, category, english):
    zh = Locale.get_default()
    speakers = {}
    for key, name, name_en, title, title_en, bio, bio_en in SPEAKERS:
        speaker = Speaker.objects.filter(name=name, locale=zh).first()
        if speaker is None:
            speaker = Speaker.objects.create(name=name, title=title, bio=bio, locale=zh)
        translate(speaker, {name: name_en, title: title_en, bio: bio_en})
        speakers[key] = speaker

    slug, title, title_en, intro, intro_en = SERIES
    english.update({title: title_en, intro: intro_en})
    series, _ = child_page(index, LectureSeriesPage, slug, title=title, intro=intro)
    translate(series, english)

    central = Branch.objects.get(code="ZG", locale=zh)
    today = timezone.localdate()
    created = 0
    for slug, days, speaker_keys, title, title_en, summary, summary_en in LECTURES:
        english.update({title: title_en, summary: summary_en, f"{summary}{AFTERWARDS}": f"{summary_en}{AFTERWARDS_EN}"})
        lecture, new = child_page(series, LecturePage, slug, lambda: new_lecture(
            slug, days, title, summary, [speakers[key] for key in speaker_keys], central, category, today))
        created += new
        translate(lecture, {**english, "一楼报告厅": "Ground-floor lecture hall", "云溪市图书馆": "Yunxi City Library",
                            "云溪大学": "Yunxi University"})
    return created


def handout(slug, title, summary):
    Document = get_document_model()
    document = Document(title=title)
    document.file.save(f"handout-{slug}.txt", ContentFile(f"{title}\n\n{summary}\n".encode()),
                       save=False)
    document.save()
    return document


def new_lecture(slug, days, title, summary, speakers, venue, category, today):
    begins = timezone.make_aware(datetime.combine(today + timedelta(days=days), time(19, 0)))
    lecture = LecturePage(
        title=title, slug=slug, summary=summary, start=begins, end=begins + timedelta(hours=1, minutes=30),
        branch=venue, room="一楼报告厅", category=category, audiences=["teens", "adults", "seniors"],
        organiser="云溪市图书馆", partners="云溪大学", registration_required=True, capacity=200,
        waitlist_size=20, max_seats_per_person=2, online_url="https://live.example.cn/yunxi-lectures",
        body=[("paragraph", RichText(f"<p>{summary}</p>"))],
        lecture_speakers=[LectureSpeaker(speaker=speaker) for speaker in speakers],
    )
    if slug == "dream-of-red-mansions":
        lecture.book_isbns = "9787102168982"  # 红楼梦 in the demo catalogue
    if days < 0:
        lecture.recording_url = f"https://live.example.cn/yunxi-lectures/{slug}"
        lecture.slides = handout(slug, title, summary)
        lecture.lecture_summary = f"<p>{summary}{AFTERWARDS}</p>"
    return lecture
