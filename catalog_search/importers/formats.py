"""Which reader a file needs when ``--format`` is not given, told from its first bytes rather than
its name: library systems export ISO 2709 as .iso, .mrc, .marc, .dat or .txt alike."""

from django.utils.translation import gettext as _

from . import csv_reader, marc_reader

FORMATS = ("csv", "xlsx", "marc21", "cnmarc", "marcxml")
ZIP = b"PK\x03\x04"  # an .xlsx workbook is a zip archive


def detect(path):
    """(format, why) for a file: XLSX, XML, ISO 2709 (CNMARC when the first record has a 200
    field and no 245, else MARC21), otherwise CSV."""
    with open(path, "rb") as stream:
        start = stream.read(1 << 16)
    if start.startswith(ZIP):
        return "xlsx", _("文件是 XLSX 工作簿")
    if marc_reader.is_xml(path):
        return "marcxml", _("文件是 XML，逐条按记录内容选择映射")
    body = start.lstrip(marc_reader.BETWEEN_RECORDS)
    if is_iso2709(body):
        tags = directory_tags(body)
        if "200" in tags and "245" not in tags:
            return "cnmarc", _("ISO 2709 文件，第一条记录的题名在 200 字段")
        return "marc21", _("ISO 2709 文件，第一条记录的题名在 245 字段")
    return "csv", _("不是 MARC 或 XLSX，按 CSV 读取")


def is_iso2709(data):
    # Record length, then the leader's indicator and subfield-code lengths and its entry map.
    return len(data) >= 24 and data[:5].isdigit() and data[10:12] == b"22" and data[20:22] == b"45"


def directory_tags(data):
    try:
        base = int(data[12:17])
    except ValueError:
        return set()
    directory = data[24 : base - 1]
    return {directory[i : i + 3].decode("ascii", "replace") for i in range(0, len(directory) - 11, 12)}


def rows(path, format, encoding=None):
    if format == "csv":
        return csv_reader.read(path, encoding)
    if format == "xlsx":
        return csv_reader.read_xlsx(path)
    return marc_reader.read(path, format, encoding)
