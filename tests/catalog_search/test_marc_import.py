"""MARC imports: CNMARC (UNIMARC) and MARC21 in ISO 2709, and MARCXML, built with pymarc the way
library systems write them, with a corrupt record in the middle."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from pymarc import Field, Indicators, Leader, Record, Subfield, record_to_xml

from catalog_search.models import CatalogueRecord

pytestmark = pytest.mark.django_db


def field(tag, *pairs, ind=(" ", " ")):
    return Field(
        tag=tag,
        indicators=Indicators(*ind),
        subfields=[Subfield(code=pairs[i], value=pairs[i + 1]) for i in range(0, len(pairs), 2)],
    )


def cnmarc(record_id, title, isbn="978-0-306-40615-7", audience="km "):
    record = Record(force_utf8=True, leader=Leader("00000nam0 2200000   450 "))
    record.add_field(Field(tag="001", data=record_id))
    record.add_field(field("010", "a", isbn, "d", "CNY45.00"))
    # 100$a: date entered, publication dates, then three audience codes at 17-19 (positional).
    record.add_field(field("100", "a", f"20170101d2017    {audience}y0chiy50      ea"))
    record.add_field(field("101", "a", "chi"))
    record.add_field(field("200", "a", title, "e", "全三册", "f", "路遥著", ind=("1", " ")))
    record.add_field(field("210", "a", "北京", "c", "人民文学出版社", "d", "2017"))
    record.add_field(field("225", "a", "茅盾文学奖获奖作品全集"))
    record.add_field(field("330", "a", "以孙少安和孙少平两兄弟为中心的长篇小说。"))
    record.add_field(field("606", "a", "长篇小说", "y", "中国", "z", "当代"))
    record.add_field(field("690", "a", "I247.57", "v", "5"))
    record.add_field(field("701", "a", "路遥", "4", "070", ind=(" ", "0")))
    record.add_field(field("702", "a", "张三", "4", "730", ind=(" ", "0")))
    return record


def marc21(record_id, title, audience=" "):
    record = Record(force_utf8=True, leader=Leader("00000cam a2200000 i 4500"))
    record.add_field(Field(tag="001", data=record_id))
    record.add_field(Field(tag="008", data=f"170101s2017    ch     {audience}      000 1 chi d"))
    record.add_field(field("020", "a", "0-306-40615-2 (pbk.)"))
    record.add_field(field("084", "a", "I247.57", "2", "clc"))
    record.add_field(field("100", "a", "余华,", "e", "著"))
    record.add_field(field("245", "a", f"{title} /", "b", "长篇小说", "c", "余华著", ind=("1", "0")))
    record.add_field(field("264", "a", "北京 :", "b", "作家出版社,", "c", "2012.", ind=(" ", "1")))
    record.add_field(field("650", "a", "长篇小说", ind=(" ", "7")))
    record.add_field(field("520", "a", "讲述福贵一生的小说。"))
    return record


def test_cnmarc_maps_the_fields_chinese_libraries_export(tmp_path, capsys):
    path = tmp_path / "export.iso"
    good = cnmarc("CN0001", "平凡的世界").as_marc()
    corrupt = b"00040" + b"nam0 22 broken directory here!" + b"\x1e\x1d"  # a right length, a wrong body
    corrupt = f"{len(corrupt):05d}".encode() + corrupt[5:]
    path.write_bytes(good + corrupt + cnmarc("CN0002", "人生", isbn="12345", audience="uc ").as_marc())
    call_command("import_catalogue", str(path), "--format", "cnmarc")
    out = capsys.readouterr().out
    assert "新增 2" in out and "拒绝 1" in out and "第 2 条记录" in out
    record = CatalogueRecord.objects.get(record_id="CN0001")
    assert (record.title, record.subtitle, record.publisher, record.year) == (
        "平凡的世界",
        "全三册",
        "人民文学出版社",
        2017,
    )
    assert record.authors == [{"name": "路遥", "role": "著"}, {"name": "张三", "role": "译"}]
    assert (record.isbn, record.clc, record.series) == ("9780306406157", "I247.57", "茅盾文学奖获奖作品全集")
    assert record.subjects == ["长篇小说--中国--当代"] and "孙少平" in record.summary
    assert CatalogueRecord.objects.get(record_id="CN0002").isbn == "" and "ISBN“12345”无效" in out
    # 读者对象: k (adult, research) m (adult, general); u (unknown) then c (primary school).
    assert record.audience == "adults" and CatalogueRecord.objects.get(record_id="CN0002").audience == "children"


def test_marc21_and_marcxml(tmp_path, capsys):
    iso = tmp_path / "export.mrc"
    iso.write_bytes(marc21("US0001", "活着").as_marc())
    call_command("import_catalogue", str(iso), "--format", "marc21")
    record = CatalogueRecord.objects.get(record_id="US0001")
    assert (record.title, record.subtitle, record.publisher, record.year) == ("活着", "长篇小说", "作家出版社", 2012)
    assert record.authors == [{"name": "余华", "role": "著"}] and record.isbn == "9780306406157"
    assert record.clc == "I247.57" and record.language == "chi" and record.audience == ""

    juvenile = tmp_path / "juvenile.mrc"
    juvenile.write_bytes(
        marc21("US0002", "草房子", audience="j").as_marc() + marc21("US0003", "三体", audience="d").as_marc()
    )
    call_command("import_catalogue", str(juvenile), "--format", "marc21")
    assert CatalogueRecord.objects.get(record_id="US0002").audience == "children"
    assert CatalogueRecord.objects.get(record_id="US0003").audience == "teens"

    xml = tmp_path / "export.xml"
    body = b"".join(record_to_xml(marc21(f"X{n}", f"兄弟{n}"), namespace=True) for n in range(3))
    xml.write_bytes(
        b'<?xml version="1.0" encoding="UTF-8"?><collection xmlns="http://www.loc.gov/MARC21/slim">'
        + body
        + b"</collection>"
    )
    call_command("import_catalogue", str(xml), "--format", "marcxml")
    assert "新增 3" in capsys.readouterr().out
    assert CatalogueRecord.objects.get(record_id="X2").title == "兄弟2"


def test_broken_xml_is_reported(tmp_path, capsys):
    xml = tmp_path / "broken.xml"
    xml.write_text(
        '<collection xmlns="http://www.loc.gov/MARC21/slim"><record><controlfield tag="001">A', encoding="utf-8"
    )
    with pytest.raises(CommandError, match="没有导入任何记录"):
        call_command("import_catalogue", str(xml), "--format", "marcxml")
    assert "拒绝 1" in capsys.readouterr().out
