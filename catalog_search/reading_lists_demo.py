"""Demo 好书推荐: an index page and three reading lists (children, teens, adults) of real books
from the demo catalogue, with recommendations, each translated through wagtail-localize."""

from django.utils import timezone

from portal import demo_images
from portal.demo_support import Glossary, child_page, translate

from .models import Audience, CatalogueRecord, Occasion, ReadingListIndexPage, ReadingListItem, ReadingListPage

ENGLISH = Glossary()
en = ENGLISH.add


INDEX_TITLE = en("好书推荐", "Recommended books")
INDEX_INTRO = en("馆员为不同年龄的读者挑选的书单，每本书都能看到现在哪个分馆在架。",
                 "Reading lists our librarians chose for readers of every age, with where each book is on the shelf now.")

# slug, title, theme, intro, audience, occasion, [(book title, recommendation)]
LISTS = [
    ("children-summer", en("暑假少儿书单：和书一起长大", "Summer list for children: growing up with books"),
     en("给 6–12 岁孩子的八本好书", "Eight good books for children aged 6 to 12"),
     en("故事里有勇气、友谊和想象力。建议家长和孩子一起读，每天二十分钟。",
        "Stories of courage, friendship and imagination. Read them together, twenty minutes a day."),
     Audience.CHILDREN, Occasion.SUMMER_HOLIDAY, [
         ("草房子", en("油麻地的童年，纯净又动人。", "A childhood in Youmadi, pure and moving.")),
         ("青铜葵花", en("一个关于苦难与温情的故事。", "A story of hardship and tenderness.")),
         ("小王子", en("大人也该重读的童话。", "A fairy tale grown-ups should read again.")),
         ("夏洛的网", en("一只蜘蛛和一头小猪的友谊。", "The friendship of a spider and a pig.")),
         ("窗边的小豆豆", en("每个孩子都值得被温柔对待。", "Every child deserves kindness.")),
         ("安徒生童话", en("叶君健经典译本。", "Ye Junjian's classic translation.")),
         ("稻草人", en("中国第一本为儿童写的童话集。", "China's first book of fairy tales written for children.")),
         ("城南旧事", en("老北京的童年记忆。", "Memories of a childhood in old Beijing.")),
         ("昆虫记", en("跟着法布尔观察身边的小生命。", "Watch the small lives around you with Fabre.")),
     ]),
    ("teens-world-book-day", en("4·23 青少年书单：打开世界的窗", "World Book Day list for teens: windows on the world"),
     en("给中学生的经典与科幻", "Classics and science fiction for secondary-school students"),
     en("从鲁迅到刘慈欣，从海底到星空。读懂过去，也想象未来。",
        "From Lu Xun to Liu Cixin, from the ocean floor to the stars: understand the past and imagine the future."),
     Audience.TEENS, Occasion.WORLD_BOOK_DAY, [
         ("朝花夕拾", en("鲁迅回忆自己的少年时光。", "Lu Xun remembers his boyhood.")),
         ("骆驼祥子", en("一个人力车夫的梦想与命运。", "A rickshaw puller's dream and fate.")),
         ("三体", en("中国科幻的里程碑。", "A landmark of Chinese science fiction.")),
         ("流浪地球", en("带着地球去流浪的想象。", "Imagine taking the Earth on a journey.")),
         ("海底两万里", en("凡尔纳的海底探险。", "Verne's adventure under the sea.")),
         ("哈利·波特与魔法石", en("魔法世界的第一步。", "The first step into the wizarding world.")),
         ("钢铁是怎样炼成的", en("关于意志和理想。", "On will and ideals.")),
         ("苏菲的世界", en("写给少年的哲学入门。", "An introduction to philosophy for young readers.")),
     ]),
    ("adults-reading-month", en("读书月成人书单：在故事里看见中国", "Reading month list for adults: China in stories"),
     en("当代中国文学与历史的八本必读书", "Eight essential books of contemporary Chinese literature and history"),
     en("乡土、城市与时代，八本书带你看见普通人的生活与命运。",
        "Countryside, city and era: eight books about ordinary lives and fates."),
     Audience.ADULTS, Occasion.READING_MONTH, [
         ("平凡的世界", en("孙少安、孙少平兄弟的奋斗。", "The struggles of the brothers Sun Shao'an and Sun Shaoping.")),
         ("活着", en("余华写尽一个人的一生。", "Yu Hua tells one man's whole life.")),
         ("白鹿原", en("一部民族的秘史。", "The secret history of a people.")),
         ("人世间", en("五十年的中国百姓生活史。", "Fifty years of ordinary Chinese lives.")),
         ("繁花", en("上海话写成的上海。", "Shanghai, written in Shanghainese.")),
         ("乡土中国", en("费孝通理解中国社会的钥匙。", "Fei Xiaotong's key to Chinese society.")),
         ("万历十五年", en("从一个平淡的年份看明朝。", "The Ming dynasty seen through one uneventful year.")),
         ("我与地坛", en("史铁生关于生命的沉思。", "Shi Tiesheng's meditation on life.")),
     ]),
]


COVER_PALETTES = {"children": "family", "teens": "lecture", "adults": "reading-club"}


def load(home, stdout):
    index, _ = child_page(home, ReadingListIndexPage, "books", title=INDEX_TITLE, intro=INDEX_INTRO,
                          show_in_menus=True)
    translate(index, ENGLISH)
    for entry in LISTS:
        page, _ = child_page(index, ReadingListPage, entry[0], lambda entry=entry: new_list(home, *entry))
        translate(page, ENGLISH)
    stdout.write(f"好书推荐：{ReadingListPage.objects.child_of(index).count()} 份书单")
    return index


def new_list(home, slug, title, theme, intro, audience, occasion, books):
    records = {record.title: record for record in CatalogueRecord.objects.filter(
        record_id__startswith="R", title__in=[book for book, _text in books])}
    alt = en(f"书单封面：{title}", f"Cover of the reading list: {ENGLISH[title]}")
    picture = demo_images.cover(title, theme, palette=COVER_PALETTES[audience], seed=len(slug))
    page = ReadingListPage(slug=slug, title=title, theme=theme, intro=intro, audience=audience,
                           occasion=occasion, year=timezone.localdate().year, cover_alt=alt,
                           cover_image=demo_images.store(picture, alt, f"list-{slug}.jpg"))
    page.items = [ReadingListItem(record=records[book], recommendation=text, locale=home.locale, sort_order=position)
                  for position, (book, text) in enumerate(books) if book in records]
    return page
