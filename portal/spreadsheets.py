"""Spreadsheets staff download and open in Excel, made one way everywhere: registration lists,
statistics, the programme template (and the byte-order mark of survey exports); and the one way
CSV files staff upload are decoded (the programme of a term, the catalogue).

- CSV starts with a byte-order mark: without it Excel on Chinese Windows reads UTF-8 as GBK and
  shows every Chinese character garbled.
- Text that readers or editors typed never becomes a formula (CSV/formula injection): a cell
  starting with = + - @ or a tab is prefixed with an apostrophe, which Excel shows as text.
"""

import codecs
import csv
import io

from django.utils.functional import Promise
from openpyxl import Workbook

BYTE_ORDER_MARK = "\ufeff"
XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
UTF8 = "utf-8"
GB18030 = "gb18030"  # a superset of GB2312 and GBK: what Excel on Chinese Windows saves as "CSV"


def safe_cell(value):
    """``value`` as a cell: text that would start a formula gets an apostrophe; numbers, dates and
    empty cells are left as they are."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(rows):
    """UTF-8 CSV with a byte-order mark; every cell passed through :func:`safe_cell`."""
    buffer = io.StringIO()
    buffer.write(BYTE_ORDER_MARK)
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(sheets):
    """An .xlsx file from ``[(sheet title, rows)]``; every cell passed through :func:`safe_cell`."""
    workbook = Workbook(write_only=True)
    for title, rows in sheets:
        sheet = workbook.create_sheet(title=str(title))
        for row in rows:
            sheet.append([safe_cell(str(cell) if isinstance(cell, Promise) else cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def csv_codec(chunks):
    """The codec of an uploaded CSV file given as ``chunks`` of bytes: UTF-8 when all of it is UTF-8
    (with a byte-order mark or not), else GB18030. The whole file is checked: a GBK export whose
    first thousand rows are ASCII would fool a sample. Bytes that are not GB18030 either (UTF-16, a
    picture renamed .csv) still fail when the file is decoded with the codec returned."""
    decoder = codecs.getincrementaldecoder(UTF8)()
    try:
        for chunk in chunks:
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return GB18030
    return UTF8
