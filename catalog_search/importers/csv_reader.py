"""CSV (DESIGN.md): UTF-8, header ``record_id,title,authors,publisher,year,isbn,clc,subjects,summary``
with extra columns allowed (``subtitle``, ``series``, ``language``, ``cover_url``, ``audience``,
``circulation_count``, ``holdings``), multi-values separated by ``;``, holdings as
``BRANCHCODE|call number|status;...``. Read one line at a time: memory stays flat."""

import csv

from django.utils import timezone

from portal.isbn import normalise_isbn

from ..models import Audience, HoldingStatus, parse_authors
from . import Rejected, Row

REQUIRED = ("record_id", "title")
STATUS_NAMES = {**{status.value: status.value for status in HoldingStatus},
                **{str(status.label): status.value for status in HoldingStatus}}
# 读者对象: the codes (children …) or the Chinese names (少儿 …) of catalog_search.models.Audience.
AUDIENCE_NAMES = {**{audience.value: audience.value for audience in Audience},
                  **{str(audience.label): audience.value for audience in Audience}}


def split(value):
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as stream:
        reader = csv.DictReader(stream)
        missing = [name for name in REQUIRED if name not in (reader.fieldnames or [])]
        if missing:
            yield Rejected("表头", f"缺少列：{', '.join(missing)}")
            return
        for row in reader:
            yield parse(row, f"第 {reader.line_num} 行")


def parse(row, position):
    if None in row:  # more cells than columns: a stray comma or an unquoted field
        return Rejected(position, "列数多于表头")
    def get(name):
        return " ".join((row.get(name) or "").split())

    record_id, title = get("record_id"), get("title")
    if not record_id:
        return Rejected(position, "缺少记录号 record_id")
    if len(record_id) > 64:
        return Rejected(position, "记录号超过 64 个字符")
    if not title:
        return Rejected(position, f"记录 {record_id} 缺少题名")
    warnings = []
    year = None
    if get("year"):
        digits = get("year")[:4]
        if digits.isdigit() and 1000 <= int(digits) <= timezone.now().year + 1:
            year = int(digits)
        else:
            warnings.append(f"出版年“{get('year')}”无效，已留空")
    isbn = ""
    if get("isbn"):
        isbn = normalise_isbn(get("isbn")) or ""
        if not isbn:
            warnings.append(f"ISBN“{get('isbn')}”无效，已留空")
    audience = AUDIENCE_NAMES.get(get("audience").lower(), "")
    if get("audience") and not audience:
        warnings.append(f"读者对象“{get('audience')}”未知，已留空（可填：{'、'.join(map(str, Audience.labels))}）")
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
                warnings.append(f"馆藏状态“{status}”未知，按在架处理")
            holdings.append((code, call_number, STATUS_NAMES.get(status, HoldingStatus.ON_SHELF)))
    return Row(position, fields, holdings, warnings)
