"""MARC records: MARC21 and CNMARC (UNIMARC, what Chinese library systems export) in ISO 2709
files, and in XML. Read one record at a time (memory stays flat); a record that cannot be parsed
or decoded is rejected with its number and the rest of the file imports.

Character sets (``decoded``): a record whose bytes are valid UTF-8 is UTF-8; any other CNMARC
record is GB18030 and any other MARC21 record MARC-8 (leader/09 blank) or GB18030, strictly; the
declaration (100$a/26-29, leader/09) is checked and reported; ``--encoding`` replaces detection.
XML: any namespace (MARC21-slim, marcxchange, none); ``--format cnmarc``/``marc21`` choose the
mapping, ``--format marcxml`` chooses it per record (``xml_dialect``).

CNMARC: 001 record id (missing: ``stable_record_id``), 010$a ISBN, 100$a/09-12 year, 100$a/17-19
target audience (读者对象), 101$a language, 200$a title with $h/$i part number and name, 200$e
other title information, 200$d parallel title, 200$f/$g as names when there is no 7xx, 210 or
214 $c/$d publisher and year, 225$a series, 330$a summary, 600-607 subjects with $x/$y/$z/$j,
690$a CLC, 700-712 $a names with $4 relator codes.
MARC21: 001, 008/07-10 year, 008/22 audience, 020$a, 041$a / 008/35-37, 084$a (CLC), 100/700 $a
with $e or $4, 245$a/$b, 260 or 264 $b/$c, 490$a, 520$a, 600-651 subjects; 880 fields linked by
$6 give the title, names and publisher in Chinese script, the romanisation kept as other forms.
Holdings records (leader/06 u v x y) are skipped and counted.
"""

import codecs
import hashlib
import re
import xml.etree.ElementTree as ET

import pymarc
from django.utils.translation import gettext as _

from portal.isbn import normalise_isbn

from ..models import Audience, parse_authors
from . import Note, Rejected, Row, Skipped, charsets

# UNIMARC / MARC relator codes to the roles Chinese catalogues print.
RELATORS = {
    "070": "著",
    "aut": "著",
    "340": "编",
    "edt": "编",
    "651": "主编",
    "730": "译",
    "trl": "译",
    "440": "绘",
    "ill": "绘",
    "075": "著",
    "080": "序",
    "aui": "序",
}
TRAILING = re.compile(r"[\s/:;,.=]+$")
YEAR = re.compile(r"(1[0-9]{3}|20[0-9]{2})")
HOLDINGS_TYPES = ("u", "v", "x", "y")
# Target audience codes. UNIMARC/CNMARC 100$a positions 17-19 (up to three codes): a juvenile,
# b pre-school, c primary school, d children 9-14 (少儿 in a Chinese library); e young adult
# 14-20; k adult research, m adult general. MARC21 008/22 (books): a pre-school, b primary,
# c pre-adolescent, j juvenile; d adolescent; e adult, f specialised; g general.
UNIMARC_AUDIENCES = {
    "a": Audience.CHILDREN,
    "b": Audience.CHILDREN,
    "c": Audience.CHILDREN,
    "d": Audience.CHILDREN,
    "e": Audience.TEENS,
    "k": Audience.ADULTS,
    "m": Audience.ADULTS,
}
MARC21_AUDIENCES = {
    "a": Audience.CHILDREN,
    "b": Audience.CHILDREN,
    "c": Audience.CHILDREN,
    "j": Audience.CHILDREN,
    "d": Audience.TEENS,
    "e": Audience.ADULTS,
    "f": Audience.ADULTS,
    "g": Audience.EVERYONE,
}


def read(path, flavour, encoding=None):
    """Rows of a MARC file. ``flavour`` is the mapping asked for: ``cnmarc`` or ``marc21`` apply
    that mapping to an ISO 2709 or an XML file alike; ``marcxml`` reads XML and chooses the
    mapping record by record (see ``xml_dialect``). ``encoding`` (ISO 2709 only: XML declares
    its own) replaces detection."""
    if is_xml(path):
        records = xml_records(path, None if flavour == "marcxml" else flavour)
    else:
        records = iso2709_records(path, "marc21" if flavour == "marcxml" else flavour, encoding)
    numbered = _("第 %(number)s 条记录")  # translated once, not per record
    for number, item in enumerate(records, start=1):
        position = numbered % {"number": number}
        if isinstance(item, Exception) or item is None:
            reason = str(item) if isinstance(item, charsets.Undecodable) else type(item).__name__
            yield Rejected(position, _("记录已损坏，无法解析（%(error)s）") % {"error": reason})
            continue
        record, dialect, notes = item
        for note in notes:
            yield Note(note)
        if is_holdings(record):
            yield Skipped(position, _("馆藏记录（头标 06 位为 u/v/x/y），不是书目记录"))
            continue
        try:
            yield (cnmarc_row if dialect == "cnmarc" else marc21_row)(record, position)
        except Exception as error:  # a record with a shape no mapping expects: reported, not fatal
            yield Rejected(position, _("无法读取：%(error)s") % {"error": error})


def is_xml(path):
    with open(path, "rb") as stream:
        start = stream.read(64).lstrip(codecs.BOM_UTF8).lstrip()
    return start.startswith(b"<")


def is_holdings(record):
    # MARC21 holdings records (leader/06 u v x y) travel in the same files as bibliographic ones.
    return record.leader is not None and str(record.leader)[6:7] in HOLDINGS_TYPES


# Between records, real files carry line breaks (one record a line, CR LF from Windows tools),
# NUL padding from fixed-size blocks, or a DOS end-of-file mark.
BETWEEN_RECORDS = b"\r\n\x00\x1a \t"
END_OF_RECORD = b"\x1d"


def iso2709_chunks(path, block=1 << 20):
    """The bytes of each record, split at the record terminator rather than trusting the length
    in the leader, which GBK systems sometimes count in characters. (0x1D cannot occur inside a
    GB18030, UTF-8 or MARC-8 character.) A trailing fragment without a terminator is yielded too,
    so that a truncated last record is reported, not dropped."""
    pending = b""
    with open(path, "rb") as stream:
        while chunk := stream.read(block):
            pending += chunk
            *complete, pending = pending.split(END_OF_RECORD)
            for data in complete:
                data = data.lstrip(BETWEEN_RECORDS)
                if data:
                    yield data + END_OF_RECORD
    pending = pending.strip(BETWEEN_RECORDS)
    if pending:
        yield pending


def iso2709_records(path, dialect, encoding):
    for data in iso2709_chunks(path):
        try:
            raw = pymarc.Record(data=data, to_unicode=False)
            record, notes = decoded(raw, dialect, encoding)
            yield record, dialect, notes
        except Exception as error:
            yield error


def decoded(raw, dialect, encoding):
    """A pymarc record read without decoding (``to_unicode=False``: bytes in every field) → the
    same record in text, and a note on how its character set was chosen.

    The record's bytes decide between UTF-8 and the rest: text of more than a few Chinese
    characters in GB18030 (or MARC-8) is practically never valid UTF-8, while GB18030 accepts
    almost any bytes, UTF-8 ones included; so a record that is valid UTF-8 is UTF-8, whatever its
    declaration says, and any other is read with the declared or usual codec, strictly."""
    leader = str(raw.leader)
    data = record_bytes(raw)
    utf8 = is_utf8(data)
    if encoding:
        codec, how = encoding, _("按 --encoding 指定")
    elif dialect == "cnmarc":
        coded = next((sub.value for field in raw.get_fields("100") for sub in field.subfields if sub.code == "a"), b"")
        declared = charsets.unimarc_declared(coded.decode("latin-1"))
        codec = charsets.UTF8 if utf8 else charsets.GB
        if declared == charsets.UNIMARC_UNSUPPORTED and not utf8:
            raise charsets.Undecodable(
                _("100$a/26-29 声明的字符集（如 ISO 5426）无法读取；请导出为 UTF-8，或用 --encoding 指定")
            )
        if declared is None:
            how = _("100$a/26-29 未声明，据内容判断")
        elif declared == codec:
            how = _("据 100$a/26-29 的声明")
        else:
            how = _("100$a/26-29 声明为 %(declared)s，内容不符") % {"declared": charsets.label(declared)}
    elif leader[9:10] == "a":
        codec = charsets.UTF8 if utf8 else charsets.GB
        how = _("据头标 09 位") if utf8 else _("头标 09 位声明 UTF-8，内容不符")
    else:
        codec = charsets.UTF8 if utf8 else charsets.MARC8
        how = _("头标 09 位为空格，但内容是 UTF-8") if utf8 else _("据头标 09 位（空格为 MARC-8）")
    record = pymarc.Record(force_utf8=True, leader=pymarc.Leader(leader))
    for field in raw.fields:
        if field.control_field:
            record.add_field(pymarc.Field(tag=field.tag, data=decode_value(field.data, codec)))
            continue
        subfields = [pymarc.Subfield(code=sub.code, value=decode_value(sub.value, codec)) for sub in field.subfields]
        record.add_field(pymarc.Field(tag=field.tag, indicators=field.indicators, subfields=subfields))
    # Plain ASCII reads alike in every character set: nothing to say about it.
    notes = [] if data.isascii() else [_("字符集 %(codec)s（%(how)s）") % {"codec": charsets.label(codec), "how": how}]
    return record, notes


def decode_value(data, codec):
    if data.isascii():
        return data.decode("ascii")
    if codec == charsets.MARC8:
        text = pymarc.marc8_to_unicode(data, hide_utf8_warnings=True)
        if "\ufffd" in text:
            raise charsets.Undecodable(undecodable(data, codec))
        return text
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        raise charsets.Undecodable(undecodable(data, codec)) from None


def undecodable(data, codec):
    return _("无法按 %(codec)s 解码（%(sample)s）") % {"codec": charsets.label(codec), "sample": data[:16].hex(" ")}


def record_bytes(raw):
    """The text of a record read without decoding, all its fields' values run together."""
    return b"".join(
        field.data if field.control_field else b"".join(sub.value for sub in field.subfields) for field in raw.fields
    )


def is_utf8(data):
    """Whether ``data`` is valid UTF-8 with something beyond ASCII."""
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def xml_records(path, dialect):
    """MARCXML ``<record>`` elements one at a time (ElementTree.iterparse; cleared as read), in
    any namespace: MARC21-slim, marcxchange, UNIMARC-slim or none."""
    try:
        for _event, element in ET.iterparse(path, events=("end",)):
            if local_name(element.tag) == "record":
                try:
                    record = xml_record(element)
                    chosen, note = (dialect, _("按 --format 指定的映射")) if dialect else xml_dialect(element, record)
                    yield (
                        record,
                        chosen,
                        [_("映射 %(dialect)s（%(how)s）") % {"dialect": DIALECT_NAMES[chosen], "how": note}],
                    )
                except Exception as error:
                    yield error
                element.clear()
    except ET.ParseError as error:
        yield error


DIALECT_NAMES = {"cnmarc": "CNMARC/UNIMARC", "marc21": "MARC21"}


def xml_dialect(element, record):
    """Which mapping an XML record needs, when --format did not say: the record's own ``format``
    or ``type`` attribute (marcxchange writes format="UNIMARC"), else its fields — a title in 200
    and none in 245 is UNIMARC/CNMARC, whatever namespace the gateway put it in."""
    declared = " ".join(element.get(name, "") for name in ("format", "type")).lower()
    if "unimarc" in declared or "cnmarc" in declared:
        return "cnmarc", _("记录的 format 属性")
    if "marc21" in declared:
        return "marc21", _("记录的 format 属性")
    if record.get_fields("200") and not record.get_fields("245"):
        return "cnmarc", _("题名在 200 字段")
    return "marc21", _("题名在 245 字段")


def local_name(tag):
    return tag.rsplit("}", 1)[-1]


def xml_record(element):
    record = pymarc.Record(force_utf8=True)
    for child in element:
        tag = local_name(child.tag)
        if tag == "leader":
            record.leader = pymarc.Leader((child.text or "").ljust(24)[:24])
        elif tag == "controlfield":
            record.add_field(pymarc.Field(tag=child.get("tag"), data=child.text or ""))
        elif tag == "datafield":
            subfields = [pymarc.Subfield(code=sub.get("code"), value=sub.text or "") for sub in child]
            record.add_field(
                pymarc.Field(
                    tag=child.get("tag"),
                    indicators=pymarc.Indicators(child.get("ind1", " "), child.get("ind2", " ")),
                    subfields=subfields,
                )
            )
    return record


def first(record, tag, code):
    for field in record.get_fields(tag):
        for value in field.get_subfields(code):
            if cleaned := clean(value):
                return cleaned
    return ""


def every(record, tag, code):
    return [
        cleaned for field in record.get_fields(tag) for value in field.get_subfields(code) if (cleaned := clean(value))
    ]


# UNIMARC marks the words a title sorts without (the article of "Le petit prince") between NSB and
# NSE: U+0088/U+0089 in Unicode, ESC H / ESC I in older files; MARC21 uses U+0098/U+009C.
NON_SORTING = re.compile("[\x88\x89\x98\x9c]|\x1b[HI]")
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def clean(value):
    value = CONTROL.sub("", NON_SORTING.sub("", value))
    return TRAILING.sub("", " ".join(value.split()))


def fixed_field(record, tag):
    """A control field as stored: where its meaning is by position, nothing may be stripped."""
    fields = record.get_fields(tag)
    return (fields[0].data or "") if fields else ""


def control(record, tag):
    """A control field read as one value (001, the record id)."""
    return clean(fixed_field(record, tag))


def year_of(*texts):
    """The first year in any of ``texts`` (210$d may be empty, "[2005]" or "2005印刷")."""
    for text in texts:
        found = YEAR.search(text or "")
        if found:
            return int(found.group(1))
    return None


def isbn_of(record, tag, warnings):
    typed = every(record, tag, "a")
    for value in typed:
        isbn = normalise_isbn(value.split("(")[0])
        if isbn:
            return isbn
    if typed:
        warnings.append(_("ISBN“%(isbn)s”无效，已留空") % {"isbn": typed[0]})
    return ""


def unimarc_coded_data(record):
    return next((field.get_subfields("a")[0] for field in record.get_fields("100") if field.get_subfields("a")), "")


def cnmarc_audience(record):
    """All three of 100$a/17-19's audience codes (u: unknown, blank: none): juvenile codes alone
    name the youngest group they include; adult codes (k, m) with young-adult ones ("em", a
    general book also for teens) mean adults; adult codes with children's ones mean everyone."""
    coded = unimarc_coded_data(record)[17:20]
    groups = {UNIMARC_AUDIENCES[code] for code in coded if code in UNIMARC_AUDIENCES}
    if Audience.ADULTS in groups:
        return (Audience.EVERYONE if Audience.CHILDREN in groups else Audience.ADULTS).value
    for audience in (Audience.CHILDREN, Audience.TEENS):
        if audience in groups:
            return audience.value
    return ""


def marc21_audience(record):
    """008/22, which means target audience only in a record for a book (leader/06 a or t)."""
    if record.leader is None or str(record.leader)[6:7] not in ("a", "t"):
        return ""
    code = fixed_field(record, "008")[22:23]
    return MARC21_AUDIENCES[code].value if code in MARC21_AUDIENCES else ""


def names(record, tags, role_code, fields=None):
    authors = []
    for tag in tags:
        for field in (fields or {}).get(tag, record.get_fields(tag)):
            name = clean(" ".join(field.get_subfields("a") + field.get_subfields("b")))
            if name:
                relator = (field.get_subfields("4") or [""])[0].strip().lower()
                role = RELATORS.get(relator) or clean((field.get_subfields(role_code) or [""])[0])
                authors.append({"name": name, "role": role})
    return authors


# A statement of responsibility (200$f/$g) when the record has no 7xx name fields: "（英）J.K.
# 罗琳著 ; 苏农译", "路遥著", "par Victor Hugo". Nationality marks and "by"-words are not names.
NATIONALITY = re.compile(r"^\s*[\[(（【〔［][^\])）】〕］]{1,6}[\])）】〕］]\s*")
BY_WORDS = re.compile(r"^(?:by|edited by|translated by|par|de|von|herausgegeben von)\s+", re.IGNORECASE)
STATEMENT_PARTS = re.compile(r"\s*[;；,，、]\s*|\s+and\s+|\s+et\s+")
ET_AL = re.compile(r"(?:等|\.\.\.|…|et al\.?)$")


def statement_names(*statements):
    authors = []
    for statement in statements:
        for part in STATEMENT_PARTS.split(statement or ""):
            part = BY_WORDS.sub("", NATIONALITY.sub("", part)).strip()
            if not part:
                continue
            parsed = parse_authors([part])[0]
            name = ET_AL.sub("", parsed["name"]).strip()
            if name and not any(author["name"] == name for author in authors):
                authors.append({"name": name, "role": parsed["role"]})
    return authors


def stable_record_id(fields):
    """An id for a record without 001 that is the same on every import of the same file: the
    ISBN, else a hash of title, first author, publisher and year (documented in the README)."""
    if fields["isbn"]:
        return "ISBN" + fields["isbn"]
    author = fields["authors"][0]["name"] if fields["authors"] else ""
    key = "|".join(
        [fields["title"], fields.get("subtitle", ""), author, fields["publisher"], str(fields["year"] or "")]
    )
    return "H" + hashlib.sha1(key.encode()).hexdigest()[:20]


def row(position, record_id, fields, warnings):
    if not fields["title"]:
        return Rejected(position, _("记录 %(record_id)s 缺少题名") % {"record_id": record_id or "—"})
    fields["title"] = fields["title"][:500]
    fields["subtitle"] = fields["subtitle"][:500]
    if not record_id:
        record_id = stable_record_id(fields)
        warnings.append(_("缺少记录号（001 字段），已生成记录号 %(record_id)s") % {"record_id": record_id})
    return Row(position, {"record_id": record_id[:64], **fields}, None, warnings)


def title_with_parts(record, tag):
    """200$a with its part numbers and names (200$h, $i): 三体. 2, 黑暗森林. Without them the
    volumes of one work would all get the same title."""
    for field in record.get_fields(tag):
        title = clean((field.get_subfields("a") or [""])[0])
        if not title:
            continue
        numbers = [clean(value) for value in field.get_subfields("h") if clean(value)]
        parts = [clean(value) for value in field.get_subfields("i") if clean(value)]
        for number in numbers:
            title += f". {number}"
        if parts:
            title += (", " if numbers else ". ") + ". ".join(parts)
        return title
    return ""


def subject_headings(record, tags):
    """Each subject field as one heading, its subdivisions kept: 长篇小说--中国--当代."""
    headings = []
    for tag in tags:
        for field in record.get_fields(tag):
            main = clean(" ".join(field.get_subfields("a", "b")))
            subdivisions = [clean(value) for value in field.get_subfields("x", "y", "z", "j", "v") if clean(value)]
            heading = "--".join([main, *subdivisions] if main else subdivisions)
            if heading and heading not in headings:
                headings.append(heading)
    return headings


def cnmarc_row(record, position):
    warnings = []
    authors = names(record, ("700", "701", "702", "710", "711", "712"), "4")
    if not authors:
        authors = statement_names(first(record, "200", "f"), first(record, "200", "g"))
    fields = {
        "title": title_with_parts(record, "200"),
        "subtitle": first(record, "200", "e") or first(record, "200", "d"),
        "authors": authors,
        "publisher": (first(record, "210", "c") or first(record, "214", "c"))[:200],
        # 210$d may be empty or repeated; 214 replaces 210 in newer UNIMARC; 100$a/9-12 is the
        # coded date of publication.
        "year": year_of(*every(record, "210", "d"), *every(record, "214", "d"), unimarc_coded_data(record)[9:13]),
        "isbn": isbn_of(record, "010", warnings),
        "clc": first(record, "690", "a")[:50],
        "subjects": subject_headings(record, ("606", "600", "601", "602", "604", "605", "607")),
        "series": first(record, "225", "a")[:200],
        "summary": first(record, "330", "a"),
        "language": first(record, "101", "a")[:10] or "chi",
        "cover_url": "",
        "audience": cnmarc_audience(record),
        "other_forms": [],
    }
    return row(position, control(record, "001"), fields, warnings)


def vernacular_fields(record):
    """MARC21 880 fields (the title, names and imprint in Chinese script beside their
    romanisation), as ``{tag they stand for: [fields]}``, linked through $6 ("245-01/$1")."""
    linked = {}
    for field in record.get_fields("880"):
        link = (field.get_subfields("6") or [""])[0]
        if len(link) >= 3 and link[:3].isdigit():
            linked.setdefault(link[:3], []).append(field)
    return linked


def marc21_row(record, position):
    warnings = []
    vernacular = vernacular_fields(record)
    imprint = "264" if record.get_fields("264") or vernacular.get("264") else "260"
    clc = next(
        (
            field.get_subfields("a")[0]
            for field in record.get_fields("084")
            if field.get_subfields("a") and "clc" in [c.lower() for c in field.get_subfields("2")]
        ),
        "",
    )
    language = first(record, "041", "a") or fixed_field(record, "008")[35:38].strip()
    romanised = {
        "title": first(record, "245", "a"),
        "subtitle": first(record, "245", "b"),
        "authors": names(record, ("100", "110", "700", "710"), "e"),
        "publisher": first(record, imprint, "b"),
    }
    original = {
        "title": first(VernacularView(vernacular), "245", "a"),
        "subtitle": first(VernacularView(vernacular), "245", "b"),
        "authors": names(record, ("100", "110", "700", "710"), "e", fields=vernacular_names(vernacular)),
        "publisher": first(VernacularView(vernacular), imprint, "b"),
    }
    chosen = {name: original[name] or romanised[name] for name in romanised}
    # The romanised forms stay searchable (and shown on the record page) beside the vernacular.
    other_forms = [
        value
        for value in (romanised["title"], romanised["subtitle"], romanised["publisher"])
        if original["title"] and value and value not in chosen.values()
    ]
    if original["authors"]:
        other_forms += [author["name"] for author in romanised["authors"]]
    fields = {
        **chosen,
        "publisher": chosen["publisher"][:200],
        "year": year_of(*every(record, imprint, "c"), fixed_field(record, "008")[7:11]),
        "isbn": isbn_of(record, "020", warnings),
        "clc": clean(clc or first(record, "084", "a"))[:50],
        "subjects": subject_headings(record, ("650", "600", "610", "611", "630", "651")),
        "series": first(record, "490", "a")[:200],
        "summary": first(record, "520", "a"),
        "language": language[:10] or "chi",
        "cover_url": "",
        "audience": marc21_audience(record),
        "other_forms": list(dict.fromkeys(other_forms)),
    }
    return row(position, control(record, "001"), fields, warnings)


class VernacularView:
    """The 880 fields looked up by the tag they stand for, shaped like a record for ``first``."""

    def __init__(self, linked):
        self.linked = linked

    def get_fields(self, tag):
        return self.linked.get(tag, [])


def vernacular_names(linked):
    """Name fields in their 880 form; a tag without one yields no names (not its romanisation)."""
    return {tag: linked.get(tag, []) for tag in ("100", "110", "700", "710")}
