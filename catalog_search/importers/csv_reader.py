"""CSV and XLSX: header ``record_id,title,authors,publisher,year,isbn,clc,subjects,summary`` with
extra columns allowed (``subtitle``, ``series``, ``language``, ``cover_url``, ``audience``,
``circulation_count``, ``holdings``), multi-values separated by ``;``, holdings as
``BRANCHCODE|call number|status;...``. Read one line at a time: memory stays flat.

CSV comes in UTF-8 (with or without a byte-order mark) or, from Excel on a Chinese Windows
machine, in GBK: the character set is detected over the whole file (``charsets``) unless
``--encoding`` names it, and a line that still does not decode rejects its row, by line number,
while the rest imports. XLSX: the first sheet, read in openpyxl's streaming mode.
"""

import csv
import datetime
import re

from django.utils import timezone
from django.utils.translation import gettext as _

from portal.isbn import normalise_isbn

from ..models import Audience, HoldingStatus, parse_authors
from . import Note, Rejected, Row, charsets

REQUIRED = ("record_id", "title")
# What a file may say: the Chinese names library systems export, or the codes. Spelled out here,
# not taken from the models' labels, which are translated: a file means the same in any language.
STATUS_NAMES = {
    "在架": HoldingStatus.ON_SHELF.value,
    "借出": HoldingStatus.ON_LOAN.value,
    "在途": HoldingStatus.IN_TRANSIT.value,
    "馆内阅览": HoldingStatus.READING_ROOM.value,
    **{status.value: status.value for status in HoldingStatus},
}
AUDIENCE_NAMES = {
    "少儿": Audience.CHILDREN.value,
    "青少年": Audience.TEENS.value,
    "成人": Audience.ADULTS.value,
    "全年龄": Audience.EVERYONE.value,
    **{audience.value: audience.value for audience in Audience},
}


def split(value):
    return [part.strip() for part in (value or "").split(";") if part.strip()]


def read(path, encoding=None):
    codec = encoding or charsets.sniff_text_file(path)
    how = _("按 --encoding 指定") if encoding else _("自动检测")
    yield Note(_("字符集 %(codec)s（%(how)s）") % {"codec": charsets.label(codec), "how": how})
    bad_lines = set()
    reader = csv.DictReader(decoded_lines(path, codec, bad_lines))
    try:
        fieldnames = [name.strip() for name in reader.fieldnames or []]
    except csv.Error as error:
        yield Rejected(_("表头"), _("无法读取：%(error)s") % {"error": error})
        return
    if not fieldnames:
        return  # an empty file: the command says there was nothing to import
    reader.fieldnames = fieldnames
    if missing := missing_columns(fieldnames):
        yield missing
        return
    line = _("第 %(line)s 行")  # translated once, not per row
    last_line = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:  # a NUL byte, an over-long field: this row only
            yield Rejected(line % {"line": reader.line_num}, _("无法读取：%(error)s") % {"error": error})
            last_line = reader.line_num
            continue
        position = line % {"line": reader.line_num}
        if bad_lines and any(number in bad_lines for number in range(last_line + 1, reader.line_num + 1)):
            yield Rejected(position, _("无法按 %(codec)s 解码，这一行未导入") % {"codec": charsets.label(codec)})
        else:
            yield parse(row, position)
        last_line = reader.line_num


def missing_columns(header):
    """The rejection of a header without the required columns, or None."""
    missing = [name for name in REQUIRED if name not in header]
    if missing:
        return Rejected(_("表头"), _("缺少列：%(columns)s") % {"columns": ", ".join(missing)})
    return None


def decoded_lines(path, codec, bad_lines):
    """The file's lines as text. A line that does not decode is noted in ``bad_lines`` (by
    number) and passed on with replacement characters only so that the CSV reader keeps its
    place: its row is rejected, never stored."""
    with open(path, "rb") as stream:
        for number, data in enumerate(stream, start=1):
            if number == 1 and data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            try:
                yield data.decode(codec)
            except UnicodeDecodeError:
                bad_lines.add(number)
                yield data.decode(codec, "replace")


def read_xlsx(path):
    """The first sheet of a workbook, its first row the header (openpyxl, read-only streaming)."""
    import openpyxl  # only imports of spreadsheets need it loaded

    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook.worksheets[0].iter_rows(values_only=True)
        header = [cell_text(cell) for cell in next(rows, [])]
        if missing := missing_columns(header):
            yield missing
            return
        line = _("第 %(line)s 行")
        for number, cells in enumerate(rows, start=2):
            values = [cell_text(cell) for cell in cells]
            if not any(values):
                continue  # rows Excel keeps after deleting their contents
            if len(values) > len(header) and any(values[len(header) :]):
                yield Rejected(line % {"line": number}, _("列数多于表头"))
                continue
            yield parse(dict(zip(header, values)), line % {"line": number})
    finally:
        workbook.close()


def cell_text(value):
    """A cell as the CSV would have it: Excel keeps an ISBN or a year typed as a number as a
    float (9787020008735.0), a date as a datetime."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (datetime.date, datetime.datetime)):
        return str(value.year)
    return str(value).strip()


# Control characters other than tab and line breaks: no catalogue text has them, and PostgreSQL
# refuses a NUL in text, which would fail the whole batch.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def parse(row, position):
    if None in row:  # more cells than columns: a stray comma or an unquoted field
        return Rejected(position, _("列数多于表头"))
    if any(CONTROL.search(value) for value in row.values() if isinstance(value, str)):
        return Rejected(position, _("含有控制字符（如 NUL），这一行未导入"))

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
        warnings.append(
            _("读者对象“%(audience)s”未知，已留空（可填：%(known)s）")
            % {"audience": get("audience"), "known": "、".join(AUDIENCE_NAMES)}
        )
    fields = {
        "record_id": record_id,
        "title": title[:500],
        "subtitle": get("subtitle")[:500],
        "authors": parse_authors(split(row.get("authors"))),
        "publisher": get("publisher")[:200],
        "year": year,
        "isbn": isbn,
        "clc": get("clc")[:50],
        "subjects": split(row.get("subjects")),
        "series": get("series")[:200],
        "summary": (row.get("summary") or "").strip(),
        "language": get("language")[:10] or "chi",
        "cover_url": get("cover_url")[:200],
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
