"""Pictures (and the base map's file) for the demo, drawn with Pillow when ``load_demo`` runs: activity posters, a campaign
banner, branch photos, reading-list covers. Nothing is downloaded and nothing is copied from
elsewhere, so the demo carries no third-party licence.

Text on a picture (a poster's title and date) needs a font with Chinese characters: the first of
``DEMO_FONT`` and the usual system fonts (Noto Sans CJK on Debian with ``fonts-noto-cjk``, PingFang
on macOS, Microsoft YaHei on Windows) that exists is used. Without one the pictures are drawn
without text; every picture still has its alternative text on the page.

Each picture is stored once as a Wagtail image in the collection 演示图片 and found again by its
title, so loading the demo twice draws nothing new.
"""

import io
import os
import random
from functools import cache

from django.core.files.images import ImageFile
from PIL import Image as Picture
from PIL import ImageDraw, ImageFont

COLLECTION = "演示图片"
FONTS = [
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/System/Library/Fonts/PingFang.ttc",
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "C:/Windows/Fonts/msyhbd.ttc",
    "C:/Windows/Fonts/msyh.ttc",
]
# (dark, light) for each kind of activity, and for the rest of the demo: the site's own browns and
# a few quiet colours that keep white or dark text readable.
PALETTES = {
    "reading-club": ("#8a3b12", "#f7e6d4"),
    "lecture": ("#1d4e6b", "#dcebf5"),
    "exhibition": ("#5b3a7a", "#ece3f5"),
    "family": ("#2f6b3a", "#e2f2e4"),
    "recitation": ("#7a1f2b", "#f6e0e3"),
    "training": ("#4d4a12", "#f0efd8"),
    "other": ("#6b4a00", "#fff1cc"),
}
CLOSING = "，。、；：！？）》」』”’…"


@cache
def font_path():
    for path in [os.environ.get("DEMO_FONT", ""), *FONTS]:
        if path and os.path.exists(path):
            return path
    return None


def font(size):
    path = font_path()
    return ImageFont.truetype(path, size) if path else None


def wrap(draw, text, typeface, width, lines):
    """``text`` cut into at most ``lines`` lines no wider than ``width`` (Chinese breaks anywhere)."""
    rows, row = [], ""
    for char in text:
        # Closing punctuation never begins a line (禁则): it stays with the character before it.
        if draw.textlength(row + char, font=typeface) > width and char not in CLOSING:
            rows.append(row)
            row = char.lstrip()
        else:
            row += char
    rows.append(row)
    if len(rows) > lines:
        rows = rows[:lines]
        rows[-1] = rows[-1][:-1] + "…"
    return rows


def when(start):
    """12月9日 周三 19:00, from the activity's own start, in the words the Chinese page uses for it
    (portal_tags.reader_date): the poster says what the page says."""
    from django.utils import translation

    from portal.templatetags.portal_tags import reader_date

    with translation.override("zh-hans"):
        return reader_date(start)


def poster(title, lines=(), palette="other", seed=0, size=(1200, 800)):
    """An activity poster: a dark band with the library's name, the title large, then the lines
    (date, place), over quiet circles like the spines of books seen from above."""
    dark, light = PALETTES.get(palette, PALETTES["other"])
    width, height = size
    picture = Picture.new("RGB", size, light)
    draw = ImageDraw.Draw(picture)
    rng = random.Random(seed)
    for _ in range(7):  # in the lower right, clear of the text
        radius = rng.randint(50, 180)
        x, y = rng.randint(width * 3 // 5, width + 60), rng.randint(height * 3 // 5, height + 120)
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), outline=dark, width=rng.randint(3, 9))
    draw.rectangle((0, 0, width, 120), fill=dark)
    for index in range(14):  # a shelf of spines along the band
        x = 40 + index * 28
        draw.rectangle((x, 30, x + 18, 90 - (index * 7) % 25), fill=light)
    title_font, line_font = font(76), font(44)
    if title_font:
        top = 190
        for row in wrap(draw, title, title_font, width - 160, 3):
            draw.text((80, top), row, font=title_font, fill=dark)
            top += 100
        top += 20
        for line in lines:
            draw.text((80, top), line, font=line_font, fill="#1f1f1f")
            top += 64
    return picture


def building(name, palette="other", seed=0, size=(1200, 800)):
    """A branch: sky, a building with lit windows and a door, two trees, the name on a plaque."""
    dark, light = PALETTES.get(palette, PALETTES["other"])
    width, height = size
    picture = Picture.new("RGB", size, "#dcecf7")
    draw = ImageDraw.Draw(picture)
    for row in range(height // 2):  # the sky lightens towards the horizon
        shade = 200 + row * 55 // (height // 2)
        draw.line((0, row, width, row), fill=(shade - 20, shade, 255))
    rng = random.Random(seed)
    ground = height - 140
    draw.rectangle((0, ground, width, height), fill="#b9c9a5")
    left, right = 220 + rng.randint(-60, 60), 980 + rng.randint(-60, 60)
    top = 180 + rng.randint(0, 120)
    draw.rectangle((left, top, right, ground), fill=light, outline=dark, width=6)
    draw.rectangle((left - 20, top - 30, right + 20, top), fill=dark)
    for y in range(top + 40, ground - 140, 90):
        for x in range(left + 40, right - 60, 110):
            draw.rectangle((x, y, x + 60, y + 50), fill="#ffe9a8" if rng.random() < 0.6 else "#c9d6e0")
    middle = (left + right) // 2
    draw.rectangle((middle - 60, ground - 130, middle + 60, ground), fill=dark)
    for x in (90, width - 110):
        draw.rectangle((x - 8, ground - 120, x + 8, ground), fill="#6b4a2b")
        draw.ellipse((x - 70, ground - 260, x + 70, ground - 100), fill="#5c8a4a")
    plaque = font(40)
    if plaque:
        text_width = draw.textlength(name, font=plaque)
        draw.rectangle(
            (middle - text_width / 2 - 20, top - 100, middle + text_width / 2 + 20, top - 40), fill="#ffffff"
        )
        draw.text((middle - text_width / 2, top - 98), name, font=plaque, fill=dark)
    return picture


def cover(title, subtitle="", palette="other", seed=0, size=(600, 800)):
    """A reading list's cover: the title on a coloured board with a band like a book's."""
    dark, light = PALETTES.get(palette, PALETTES["other"])
    width, height = size
    picture = Picture.new("RGB", size, dark)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, height - 170, width, height - 130), fill=light)
    rng = random.Random(seed)
    for _ in range(5):
        x = rng.randint(40, width - 40)
        draw.line((x, 40, x + rng.randint(-30, 30), 200), fill=light, width=3)
    title_font, small = font(56), font(30)
    if title_font:
        top = 260
        for row in wrap(draw, title, title_font, width - 100, 4):
            draw.text((50, top), row, font=title_font, fill="#ffffff")
            top += 76
        if subtitle:
            for row in wrap(draw, subtitle, small, width - 100, 2):
                draw.text((50, top + 20), row, font=small, fill=light)
                top += 44
    return picture


def store(picture, title, filename):
    """The Wagtail image titled ``title`` in the demo collection, saved from ``picture`` the first
    time (as a JPEG: the pages get WebP renditions of it)."""
    from wagtail.images.models import Image

    collection = store_collection()
    existing = Image.objects.filter(collection=collection, title=title).first()
    if existing is not None:
        return existing
    data = io.BytesIO()
    picture.save(data, "JPEG", quality=84, optimize=True)
    # An ImageFile, so that Wagtail reads the width and height as it stores the file.
    image = Image(title=title, collection=collection, file=ImageFile(data, name=filename))
    image.save()
    return image


def store_document(data, title, filename):
    """The Wagtail document titled ``title`` in the demo collection, saved from ``data`` once."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    collection = store_collection()
    existing = Document.objects.filter(collection=collection, title=title).first()
    if existing is not None:
        return existing
    document = Document(title=title, collection=collection, file=ContentFile(data, name=filename))
    document.save()
    return document


def store_collection():
    from wagtail.models import Collection

    root = Collection.get_first_root_node()
    return root.get_children().filter(name=COLLECTION).first() or root.add_child(name=COLLECTION)
