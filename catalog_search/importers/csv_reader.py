"""CSV (DESIGN.md): UTF-8, header ``record_id,title,authors,publisher,year,isbn,clc,subjects,summary``
with extra columns allowed (``subtitle``, ``series``, ``language``, ``cover_url``, ``audience``,
``circulation_count``, ``holdings``), multi-values separated by ``;``, holdings as
``BRANCHCODE|call number|status;...``. Read one line at a time: memory stays flat."""

import csv

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.isbn import normalise_isbn

from ..models import Audience, HoldingStatus, parse_authors
from . import Rejected, Row

REQUIRED = ("record_id", "title")
# What a file may say: the Chinese names library systems export, or the codes. Spelled out here,
# not taken from the models' labels, which are translated: a file means the same in any language.
STATUS_NAMES = {"在架": HoldingStatus.ON_SHELF.value, "借出": HoldingStatus.ON_LOAN.value,
                "在途": HoldingStatus.IN_TRANSIT.value, "馆内阅览": HoldingStatus.READING_ROOM.value,
                **{status.value: status.value for status in HoldingStatus}}
AUDIENCE_NAMES = {"少儿": Audience.CHILDREN.value, "青少年": Audience.TEENS.value, "成人": Audience.ADULTS.value,
                  "全年龄": Audience.EVERYONE.value, **{audience.value: audience.value for audience in Audience}}


def split(value):
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        missing = [name for name in REQUIRED if name not in (reader.fieldnames or [])]
        if missing:
            yield Rejected(_("表头"), _("缺少列：%(columns)s") % {"columns": ", ".join(missing)})
            return
        line = _("第 %(line)s 行")  # translated once, not per row
        for row in reader:
            yield parse(row, line % {"line": reader.line_num})


def parse(row, position):
    if None in row:  # more cells than columns: a stray comma or an unquoted field
        return Rejected(position, _("列数多于表头"))
    def get(name):
        return " ".join((row.get(name) or "").split())

    record_id, title = get("record_id"), get("title")
    if not record_id:
        return Rejected(position, _("缺少记录号 record_id"))
    if len(record_id) > 64:
        return Rejected(position, _("记录号超过 64 个字符"))
    if not title:
        return Rejected(position, _("记录 %(record_id)s 缺少题名") % {"record_id": record_id})
    warnings = []
    year = None
    if get("year"):
        digits = get("year")[:4]
        if digits.isdigit() and 1000 <= int(digits) <= timezone.now().year + 1:
            year = int(digits)
        else:
            warnings.append(_("出版年“%(year)s”无效，已留空") % {"year": get("year")})
    isbn = ""
    if get("isbn"):
        isbn = normalise_isbn(get("isbn")) or ""
        if not isbn:
            warnings.append(_("ISBN“%(isbn)s”无效，已留空") % {"isbn": get("isbn")})
    audience = AUDIENCE_NAMES.get(get("audience").lower(), "")
    if get("audience") and not audience:
        warnings.append(_("读者对象“%(audience)s”未知，已留空（可填：%(known)s）")
                        % {"audience": get("audience"), "known": "、".join(AUDIENCE_NAMES)})
    fields = {
        "record_id": record_id, "title": title[:500], "subtitle": get("subtitle")[:500],
        "authors": parse_authors(split(row.get("authors"))), "publisher": get("publisher")[:200],
        "year": year, "isbn": isbn, "clc": get("clc")[:50], "subjects": split(row.get("subjects")),
        "series": get("series")[:200], "summary": (row.get("summary") or "").strip(),
        "language": get("language")[:10] or "chi", "cover_url": get("cover_url")[:200],
        "audience": audience,
    }
    if get("circulation_count").isdigit():
        fields["circulation_count"] = int(get("circulation_count"))
    holdings = None
    if "holdings" in row and row["holdings"] is not None:
        holdings = []
        for item in split(row["holdings"]):
            parts = [part.strip() for part in item.split("|")]
            code, call_number, status = (parts + ["", ""])[:3]
            if status and status not in STATUS_NAMES:
                warnings.append(_("馆藏状态“%(status)s”未知，按在架处理") % {"status": status})
            holdings.append((code, call_number, STATUS_NAMES.get(status, HoldingStatus.ON_SHELF)))
    return Row(position, fields, holdings, warnings)
