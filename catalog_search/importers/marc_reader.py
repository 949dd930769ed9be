"""MARC records: MARC21 and CNMARC (UNIMARC, what Chinese library systems export) in ISO 2709
files, and MARCXML. Read one record at a time (memory stays flat); a record that cannot be
parsed is rejected with its number and the rest of the file imports.

CNMARC: 001 record id, 010$a ISBN, 101$a language, 200$a title, 200$e other title information,
200$d parallel title, 210$c/$d publisher and year, 225$a series, 330$a summary, 606$a subjects,
690$a CLC, 701/702 $a names (701 main, 702 secondary) with $4 relator codes, 200$f as a fallback,
100$a/17-19 target audience (读者对象代码).
MARC21: 001, 020$a, 041$a / 008, 245$a/$b, 260 or 264 $b/$c, 490$a, 520$a, 650$a, 084$a (CLC),
100/700 $a with $e or $4, 008/22 target audience.
"""

import re
import xml.etree.ElementTree as ET

import pymarc
from django.utils.translation import gettext as _

from portal.isbn import normalise_isbn

from ..models import Audience, parse_authors
from . import Rejected, Row

# UNIMARC / MARC relator codes to the roles Chinese catalogues print.
RELATORS = {"070": "著", "aut": "著", "340": "编", "edt": "编", "651": "主编", "730": "译", "trl": "译",
            "440": "绘", "ill": "绘", "075": "著", "080": "序", "aui": "序"}
TRAILING = re.compile(r"[\s/:;,.=]+$")
YEAR = re.compile(r"(1[0-9]{3}|20[0-9]{2})")
MARCXML = "{http://www.loc.gov/MARC21/slim}"
# Target audience codes. UNIMARC/CNMARC 100$a positions 17-19 (up to three codes): a juvenile,
# b pre-school, c primary school, d children 9-14 (少儿 in a Chinese library); e young adult
# 14-20; k adult research, m adult general. MARC21 008/22 (books): a pre-school, b primary,
# c pre-adolescent, j juvenile; d adolescent; e adult, f specialised; g general.
UNIMARC_AUDIENCES = {"a": Audience.CHILDREN, "b": Audience.CHILDREN, "c": Audience.CHILDREN,
                     "d": Audience.CHILDREN, "e": Audience.TEENS, "k": Audience.ADULTS, "m": Audience.ADULTS}
MARC21_AUDIENCES = {"a": Audience.CHILDREN, "b": Audience.CHILDREN, "c": Audience.CHILDREN,
                    "j": Audience.CHILDREN, "d": Audience.TEENS, "e": Audience.ADULTS, "f": Audience.ADULTS,
                    "g": Audience.EVERYONE}


def read(path, flavour):
    if flavour == "marcxml":
        records = xml_records(path)
    else:
        records = iso2709_records(path)
    numbered = _("第 %(number)s 条记录")  # translated once, not per record
    for number, record_or_error in enumerate(records, start=1):
        position = numbered % {"number": number}
        if isinstance(record_or_error, Exception) or record_or_error is None:
            yield Rejected(position, _("记录已损坏，无法解析（%(error)s）") % {"error": type(record_or_error).__name__})
            continue
        try:
            yield (cnmarc_row if flavour == "cnmarc" else marc21_row)(record_or_error, position)
        except Exception as error:  # a record with a shape no mapping expects: reported, not fatal
            yield Rejected(position, _("无法读取：%(error)s") % {"error": error})


def iso2709_records(path):
    with open(path, "rb") as stream:
        reader = pymarc.MARCReader(stream, to_unicode=True, force_utf8=True, utf8_handling="replace")
        for record in reader:
            yield record if record is not None else (reader.current_exception or ValueError("bad record"))


def xml_records(path):
    """MARCXML ``<record>`` elements one at a time (ElementTree.iterparse; cleared as read)."""
    try:
        for _event, element in ET.iterparse(path, events=("end",)):
            if element.tag in (f"{MARCXML}record", "record"):
                try:
                    yield xml_record(element)
                except Exception as error:
                    yield error
                element.clear()
    except ET.ParseError as error:
        yield error


def xml_record(element):
    record = pymarc.Record(force_utf8=True)
    for child in element:
        tag = child.tag.replace(MARCXML, "")
        if tag == "leader":
            record.leader = pymarc.Leader(child.text or " " * 24)
        elif tag == "controlfield":
            record.add_field(pymarc.Field(tag=child.get("tag"), data=child.text or ""))
        elif tag == "datafield":
            subfields = [pymarc.Subfield(code=sub.get("code"), value=sub.text or "") for sub in child]
            record.add_field(pymarc.Field(tag=child.get("tag"),
                                          indicators=pymarc.Indicators(child.get("ind1", " "), child.get("ind2", " ")),
                                          subfields=subfields))
    return record


def first(record, tag, code):
    for field in record.get_fields(tag):
        values = field.get_subfields(code)
        if values and values[0].strip():
            return clean(values[0])
    return ""


def every(record, tag, code):
    return [clean(value) for field in record.get_fields(tag) for value in field.get_subfields(code) if value.strip()]


def clean(value):
    return TRAILING.sub("", " ".join(value.split()))


def fixed_field(record, tag):
    """A control field as stored: where its meaning is by position, nothing may be stripped."""
    fields = record.get_fields(tag)
    return (fields[0].data or "") if fields else ""


def control(record, tag):
    """A control field read as one value (001, the record id)."""
    return fixed_field(record, tag).strip()


def year_of(text):
    found = YEAR.search(text or "")
    return int(found.group(1)) if found else None


def isbn_of(record, tag, warnings):
    typed = [value for value in every(record, tag, "a")]
    for value in typed:
        isbn = normalise_isbn(value.split("(")[0])
        if isbn:
            return isbn
    if typed:
        warnings.append(_("ISBN“%(isbn)s”无效，已留空") % {"isbn": typed[0]})
    return ""


def cnmarc_audience(record):
    """The first of 100$a's three audience codes that names one (u: unknown, blank: none)."""
    coded = next((field.get_subfields("a")[0] for field in record.get_fields("100") if field.get_subfields("a")), "")
    return next((UNIMARC_AUDIENCES[code].value for code in coded[17:20] if code in UNIMARC_AUDIENCES), "")


def marc21_audience(record):
    """008/22, which means target audience only in a record for a book (leader/06 a or t)."""
    if record.leader is None or str(record.leader)[6:7] not in ("a", "t"):
        return ""
    code = fixed_field(record, "008")[22:23]
    return MARC21_AUDIENCES[code].value if code in MARC21_AUDIENCES else ""


def names(record, tags, role_code):
    authors = []
    for tag in tags:
        for field in record.get_fields(tag):
            name = clean(" ".join(field.get_subfields("a") + field.get_subfields("b")))
            if name:
                relator = (field.get_subfields("4") or [""])[0].strip().lower()
                role = RELATORS.get(relator) or clean((field.get_subfields(role_code) or [""])[0])
                authors.append({"name": name, "role": role})
    return authors


def row(position, record_id, fields, warnings):
    if not record_id:
        return Rejected(position, _("缺少记录号（001 字段）"))
    if not fields["title"]:
        return Rejected(position, _("记录 %(record_id)s 缺少题名") % {"record_id": record_id})
    fields = {"record_id": record_id[:64], **fields}
    fields["title"] = fields["title"][:500]
    fields["subtitle"] = fields["subtitle"][:500]
    return Row(position, fields, None, warnings)


def cnmarc_row(record, position):
    warnings = []
    authors = names(record, ("700", "701", "702", "710", "711", "712"), "4")
    if not authors:
        authors = parse_authors(re.split(r"[;；,，]", first(record, "200", "f")))
    fields = {
        "title": first(record, "200", "a"),
        "subtitle": first(record, "200", "e") or first(record, "200", "d"),
        "authors": authors,
        "publisher": first(record, "210", "c")[:200],
        "year": year_of(first(record, "210", "d")),
        "isbn": isbn_of(record, "010", warnings),
        "clc": first(record, "690", "a")[:50],
        "subjects": every(record, "606", "a"),
        "series": first(record, "225", "a")[:200],
        "summary": first(record, "330", "a"),
        "language": first(record, "101", "a")[:10] or "chi",
        "cover_url": "",
        "audience": cnmarc_audience(record),
    }
    return row(position, control(record, "001"), fields, warnings)


def marc21_row(record, position):
    warnings = []
    imprint = "264" if record.get_fields("264") else "260"
    clc = next((field.get_subfields("a")[0] for field in record.get_fields("084")
                if field.get_subfields("a") and "clc" in [c.lower() for c in field.get_subfields("2")]), "")
    language = first(record, "041", "a") or fixed_field(record, "008")[35:38].strip()
    fields = {
        "title": first(record, "245", "a"),
        "subtitle": first(record, "245", "b"),
        "authors": names(record, ("100", "110", "700", "710"), "e"),
        "publisher": first(record, imprint, "b")[:200],
        "year": year_of(first(record, imprint, "c")),
        "isbn": isbn_of(record, "020", warnings),
        "clc": clean(clc or first(record, "084", "a"))[:50],
        "subjects": every(record, "650", "a"),
        "series": first(record, "490", "a")[:200],
        "summary": first(record, "520", "a"),
        "language": language[:10] or "chi",
        "cover_url": "",
        "audience": marc21_audience(record),
    }
    return row(position, control(record, "001"), fields, warnings)
