"""Catalogues as other library systems export them: CNMARC in GB18030 (汇文, Interlib, ILAS, 金盘,
dp2), MARC-8, CNMARC in XML from SRU gateways, CR LF between records, records without 001, MARC21
with 880 vernacular fields, holdings records in a bibliographic file, CSV saved by Excel on a
Chinese Windows machine, XLSX workbooks. Every file is written here byte by byte."""

import csv
import io
import unicodedata

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pymarc import Field

from catalog_search.models import CatalogueRecord

from .marc_files import cnmarc, field, iso2709, marcxml, record

pytestmark = pytest.mark.django_db


def run(path, *args):
    out = io.StringIO()
    call_command("import_catalogue", str(path), *args, stdout=out)
    return out.getvalue()


def failing(path, *args):
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_catalogue", str(path), *args, stdout=out)
    return out.getvalue(), str(raised.value)


def test_gbk_cnmarc_is_decoded_from_its_declaration(tmp_path):
    path = tmp_path / "huiwen.iso"
    path.write_bytes(
        iso2709(cnmarc("GB0001", "平凡的世界", charset="0120"), "gb18030")
        + iso2709(cnmarc("GB0002", "白鹿原", charset="0120", author="陈忠实"), "gb18030")
    )
    out = run(path)  # no --format: an ISO 2709 file whose title is in 200 is CNMARC
    assert "cnmarc" in out and "新增 2" in out and "GB18030" in out
    found = CatalogueRecord.objects.get(record_id="GB0002")
    assert (found.title, found.authors[0]["name"], found.publisher) == ("白鹿原", "陈忠实", "人民文学出版社")
    assert not CatalogueRecord.objects.filter(title__contains="\ufffd").exists()


def test_undeclared_or_wrongly_declared_character_sets_are_found(tmp_path):
    # dp2 keeps "0120" when it exports UTF-8; other systems leave 100$a/26-29 blank.
    path = tmp_path / "mixed.iso"
    path.write_bytes(
        iso2709(cnmarc("U1", "呼兰河传", charset="0120", author="萧红"), "utf-8")
        + iso2709(cnmarc("U2", "朝花夕拾", charset="    ", author="鲁迅"), "gb18030")
        + iso2709(cnmarc("U3", "边城", charset="50  ", author="沈从文"), "utf-8")
    )
    out = run(path, "--format", "cnmarc")
    assert "新增 3" in out and "声明为 GB18030(GBK)，内容不符" in out
    assert [
        r.title for r in CatalogueRecord.objects.filter(record_id__in=["U1", "U2", "U3"]).order_by("record_id")
    ] == ["呼兰河传", "朝花夕拾", "边城"]


def test_a_record_that_no_character_set_decodes_is_rejected_and_never_overwrites_a_good_one(tmp_path):
    good = tmp_path / "good.iso"
    good.write_bytes(iso2709(cnmarc("BAD1", "活着", author="余华"), "gb18030"))
    run(good)
    # The same record with bytes that are neither UTF-8 nor GB18030 in its title.
    broken = tmp_path / "broken.iso"
    title = field("200", "a", "x", ind=("1", " "))
    built = cnmarc("BAD1", "活着", author="余华")
    built.remove_fields("200")
    built.add_ordered_field(title)
    broken.write_bytes(iso2709(built, "gb18030", raw={"200": b"1 \x1fa\x80\xff\xfe"}))
    out, error = failing(broken, "--format", "cnmarc")
    assert "拒绝 1" in out and "第 1 条记录" in out and "无法按" in out and "没有导入任何记录" in error
    assert CatalogueRecord.objects.get(record_id="BAD1").title == "活着"
    # --encoding forces one codec: a GBK record read as UTF-8 is refused, not garbled.
    gbk = tmp_path / "gbk.iso"
    gbk.write_bytes(iso2709(cnmarc("BAD2", "许三观卖血记", charset="50  "), "gbk"))
    out, error = failing(gbk, "--encoding", "utf-8")
    assert "无法按 UTF-8 解码" in out and not CatalogueRecord.objects.filter(record_id="BAD2").exists()


def test_european_unimarc_character_sets_are_refused_not_read_as_chinese(tmp_path):
    # 100$a/26-29 "0103": ISO 646 + ISO 5426 (extended Latin), as a French library writes it.
    built = cnmarc("FR1", "x", charset="0103", author="Hugo")
    path = tmp_path / "bnf.iso"
    path.write_bytes(iso2709(built, "utf-8", raw={"200": b"1 \x1faLes mis\xc2erables"}))
    out, error = failing(path, "--format", "cnmarc")
    assert "ISO 5426" in out and not CatalogueRecord.objects.filter(record_id="FR1").exists()
    utf8 = tmp_path / "bnf-utf8.iso"
    utf8.write_bytes(iso2709(cnmarc("FR2", "Les misérables", charset="0103", author="Hugo"), "utf-8"))
    run(utf8, "--format", "cnmarc")
    assert CatalogueRecord.objects.get(record_id="FR2").title == "Les misérables"


def test_marc8_records_keep_their_diacritics(tmp_path):
    # leader/09 blank: MARC-8, the e with a macron written as ANSEL's combining macron (0xE5) first.
    built = record(
        "00000cam  2200000 a 4500",
        Field(tag="001", data="M8-1"),
        Field(tag="008", data="850101s1985    gr            000 0 gre d"),
        field("245", "a", "x", ind=("1", "0")),
    )
    path = tmp_path / "marc8.mrc"
    path.write_bytes(iso2709(built, "ascii", raw={"245": b"10\x1faH\xe5e agora st\xe5e Mesogeio"}))
    out = run(path, "--format", "marc21")
    assert "MARC-8" in out
    title = CatalogueRecord.objects.get(record_id="M8-1").title
    assert unicodedata.normalize("NFC", title) == "H\u0113 agora st\u0113 Mesogeio"


def test_separators_between_records_and_a_truncated_last_one(tmp_path):
    records = [iso2709(cnmarc(f"CR{n}", f"书名{n}", charset="50  "), "utf-8") for n in range(4)]
    path = tmp_path / "lines.iso"
    path.write_bytes(
        records[0]
        + b"\r\n"
        + records[1]
        + b"\n"
        + records[2]
        + b"\x00" * 7
        + b"\r"
        + records[3]
        + b"\r\n"
        + records[0][:40]
    )
    out = run(path)
    assert "新增 4" in out and "拒绝 1" in out and "第 5 条记录" in out


def test_records_without_001_get_a_stable_id(tmp_path):
    path = tmp_path / "no001.iso"
    path.write_bytes(
        iso2709(cnmarc(None, "围城", author="钱锺书", isbn="978-0-306-40615-7"), "gb18030")
        + iso2709(cnmarc(None, "无书号的地方志", author="某县志编纂委员会", isbn=""), "gb18030")
    )
    first = run(path)
    assert "新增 2" in first and "缺少记录号" in first
    assert CatalogueRecord.objects.get(record_id="ISBN9780306406157").title == "围城"
    hashed = CatalogueRecord.objects.get(title="无书号的地方志")
    assert hashed.record_id.startswith("H") and len(hashed.record_id) == 21
    assert "未变 2" in run(path)  # the same ids on the next import: nothing is duplicated


def test_marc21_880_fields_give_the_chinese_title_names_and_publisher(tmp_path, client):
    built = record(
        "00000cam a2200000 a 4500",
        Field(tag="001", data="LC-880"),
        Field(tag="008", data="991231s1999    cc            000 1 chi d"),
        field("100", "6", "880-01", "a", "Mo, Yan,", "e", "author."),
        field("245", "6", "880-02", "a", "Hong gao liang jia zu /", "c", "Mo Yan zhu.", ind=("1", "0")),
        field("260", "6", "880-03", "a", "Beijing :", "b", "Ren min wen xue chu ban she,", "c", "1999."),
        field("880", "6", "100-01/$1", "a", "莫言,", "e", "author."),
        field("880", "6", "245-02/$1", "a", "红高粱家族 /", "c", "莫言著.", ind=("1", "0")),
        field("880", "6", "260-03/$1", "a", "北京 :", "b", "人民文学出版社,", "c", "1999."),
    )
    path = tmp_path / "lc.mrc"
    path.write_bytes(iso2709(built, "utf-8"))
    run(path, "--format", "marc21")
    found = CatalogueRecord.objects.get(record_id="LC-880")
    assert (found.title, found.author_names, found.publisher, found.year) == (
        "红高粱家族",
        ["莫言"],
        "人民文学出版社",
        1999,
    )
    assert "Hong gao liang jia zu" in found.other_forms and "Mo, Yan" in found.other_forms
    from catalog_search.search.engine import search_records

    assert "LC-880" in [record.record_id for record in search_records("红高粱家族 莫言")[:5]]
    assert search_records("Hong gao liang jia zu")[0].record_id == "LC-880"
    page = client.get("/catalogue/LC-880/").content.decode()
    assert "红高粱家族" in page and "Hong gao liang jia zu" in page


def test_holdings_records_are_skipped_and_counted(tmp_path):
    holdings = record(
        "00000nx   2200000   4500",
        Field(tag="001", data="H1"),
        Field(tag="004", data="LC-1"),
        field("852", "b", "MAIN", "h", "I247.57"),
    )
    bib = record("00000cam a2200000 a 4500", Field(tag="001", data="LC-1"), field("245", "a", "活着", ind=("1", "0")))
    path = tmp_path / "with-holdings.mrc"
    path.write_bytes(iso2709(bib, "utf-8") + iso2709(holdings, "utf-8"))
    out = run(path, "--format", "marc21")
    assert "新增 1" in out and "拒绝 0" in out and "跳过 1 条" in out and "馆藏记录" in out


@pytest.mark.parametrize(
    "namespace, attributes",
    [
        ("info:lc/xmlns/marcxchange-v1", ' format="UNIMARC" type="Bibliographic"'),
        ("http://www.loc.gov/MARC21/slim", ""),  # a gateway that puts UNIMARC tags in MARC21-slim
        ("", ""),
    ],
)
def test_unimarc_in_xml_goes_through_the_cnmarc_mapping(tmp_path, namespace, attributes):
    path = tmp_path / "sru.xml"
    path.write_bytes(
        marcxml([cnmarc("X1", "骆驼祥子", author="老舍"), cnmarc("X2", "茶馆", author="老舍")], namespace, attributes)
    )
    out = run(path)
    assert "新增 2" in out and "CNMARC" in out
    found = CatalogueRecord.objects.get(record_id="X1")
    assert (found.title, found.author_names, found.year) == ("骆驼祥子", ["老舍"], 2017)


def test_xml_that_yields_no_record_is_not_a_silent_success(tmp_path):
    path = tmp_path / "nothing.xml"
    path.write_bytes(b'<?xml version="1.0"?><collection xmlns="http://www.loc.gov/MARC21/slim"></collection>')
    out, error = failing(path, "--format", "marcxml")
    assert "新增 0" in out and "没有记录" in error
    wrong = tmp_path / "wrong.xml"  # CNMARC records forced through the MARC21 mapping: all rejected
    wrong.write_bytes(marcxml([cnmarc("W1", "家", author="巴金")]))
    out, error = failing(wrong, "--format", "marc21")
    assert "拒绝 1" in out and "--format cnmarc" in error


def test_empty_files_fail(tmp_path):
    for name in ("empty.csv", "empty.iso"):
        path = tmp_path / name
        path.write_bytes(b"")
        out, error = failing(path)
        assert "新增 0" in out and "没有记录" in error
    header_only = tmp_path / "header.csv"
    header_only.write_text("record_id,title\n", encoding="utf-8")
    assert "没有记录" in failing(header_only)[1]


def test_the_mapping_fixes_real_files_needed(tmp_path):
    extra = (field("200", "a", "哈利·波特", "h", "第2册", "i", "哈利·波特与密室", ind=("1", " ")),)
    parts = cnmarc("MAP1", "", extra=extra)
    parts.remove_fields("200")
    parts.add_ordered_field(*extra)
    # No 7xx: the names come from 200$f, nationality and role words taken off.
    statement = cnmarc("MAP2", "", author="")
    statement.remove_fields("200", "701", "210")
    statement.add_ordered_field(field("200", "a", "老人与海", "f", "（美）海明威著", "g", "吴劳译", ind=("1", " ")))
    statement.add_ordered_field(field("210", "a", "上海", "c", "上海译文出版社", "d", ""))
    statement.add_ordered_field(field("210", "d", "2006"))
    statement.add_ordered_field(field("600", "a", "海明威", "x", "小说研究"))
    statement.add_ordered_field(field("607", "a", "古巴", "x", "小说"))
    # NSB/NSE around the article a French title sorts without; 100$a/17-19 "em".
    nonsort = cnmarc("MAP3", "", audience="em ")
    nonsort.remove_fields("200")
    nonsort.add_ordered_field(field("200", "a", "\x88Le \x89petit prince", ind=("1", " ")))
    path = tmp_path / "mapping.iso"
    path.write_bytes(b"".join(iso2709(item, "utf-8") for item in (parts, statement, nonsort)))
    run(path, "--format", "cnmarc")
    assert CatalogueRecord.objects.get(record_id="MAP1").title == "哈利·波特. 第2册, 哈利·波特与密室"
    old_man = CatalogueRecord.objects.get(record_id="MAP2")
    assert old_man.authors == [{"name": "海明威", "role": "著"}, {"name": "吴劳", "role": "译"}]
    assert old_man.year == 2006  # the first 210$d is empty
    assert old_man.subjects == ["长篇小说--中国--当代", "海明威--小说研究", "古巴--小说"]
    prince = CatalogueRecord.objects.get(record_id="MAP3")
    assert prince.title == "Le petit prince" and prince.audience == "adults"


def csv_bytes(rows, encoding):
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["record_id", "title", "authors", "publisher", "year", "isbn"])
    writer.writerows(rows)
    return text.getvalue().encode(encoding)


ROWS = [
    ["C1", "平凡的世界", "路遥 著", "人民文学出版社", "2017", "978-0-306-40615-7"],
    ["C2", "红楼梦", "曹雪芹 著;高鹗 续", "人民文学出版社", "2008", ""],
    ["C3", "钱锺书集", "钱锺书 著", "生活·读书·新知三联书店", "2002", ""],
]


@pytest.mark.parametrize("encoding", ["gbk", "gb18030", "utf-8", "utf-8-sig"])
def test_csv_in_the_encodings_excel_and_library_systems_write(tmp_path, encoding):
    path = tmp_path / "export.csv"
    path.write_bytes(csv_bytes(ROWS, encoding))
    out = run(path)
    assert "新增 3" in out
    assert CatalogueRecord.objects.get(record_id="C3").title == "钱锺书集"
    assert CatalogueRecord.objects.get(record_id="C2").author_names == ["曹雪芹", "高鹗"]


def test_a_line_that_does_not_decode_rejects_that_row_only(tmp_path):
    good = csv_bytes(ROWS, "gbk").splitlines(keepends=True)
    broken = good[:2] + [b"C9,\x80\xff\xfe\xfd,x,y,2001,\r\n"] + good[2:]
    path = tmp_path / "broken.csv"
    path.write_bytes(b"".join(broken))
    out = run(path)
    assert "新增 3" in out and "第 3 行" in out and "无法按 GB18030" in out
    assert not CatalogueRecord.objects.filter(title__contains="\ufffd").exists()
    # --encoding names the codec: a GBK file read as UTF-8 rejects its Chinese rows, by line.
    CatalogueRecord.objects.filter(record_id__startswith="C").delete()
    out, error = failing(path, "--encoding", "utf-8")
    assert (
        "第 2 行" in out
        and "全部被拒绝" in error
        and not CatalogueRecord.objects.filter(title__contains="\ufffd").exists()
    )


def test_a_bad_row_in_a_large_file_does_not_stop_the_import(tmp_path):
    lines = ["record_id,title"] + [f"B{n},书{n}" for n in range(1, 1600)]
    lines[1500] = "B1500,书\x00名"  # a NUL byte: the csv module refuses the line
    path = tmp_path / "big.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = run(path)
    assert "新增 1598" in out and "拒绝 1" in out and "第 1501 行" in out and "控制字符" in out


def test_xlsx_workbooks(tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["record_id", "title", "authors", "publisher", "year", "isbn", "holdings"])
    sheet.append(["X-1", "长安的荔枝", "马伯庸 著", "湖南文艺出版社", 2022, 9780306406157, ""])
    sheet.append([1002, "额尔古纳河右岸", "迟子建 著", "人民文学出版社", 2019.0, None, None])
    sheet.append([None, None, None, None, None, None, None])  # an emptied row
    sheet.append(["X-3", None, "无题名", None, None, None, None])
    path = tmp_path / "books.xlsx"
    workbook.save(path)
    out = run(path)
    assert "xlsx" in out and "新增 2" in out and "拒绝 1" in out and "第 5 行" in out
    assert CatalogueRecord.objects.get(record_id="X-1").isbn == "9780306406157"
    assert CatalogueRecord.objects.get(record_id="1002").year == 2019
    not_a_workbook = tmp_path / "fake.xlsx"
    not_a_workbook.write_bytes(b"PK\x03\x04 not really")
    assert "XLSX" in failing(not_a_workbook, "--format", "xlsx")[1]


def test_unknown_encodings_are_refused_before_anything_is_read(tmp_path):
    path = tmp_path / "a.csv"
    path.write_bytes(csv_bytes(ROWS, "utf-8"))
    with pytest.raises(CommandError, match="不认识的字符集"):
        call_command("import_catalogue", str(path), "--encoding", "klingon")
