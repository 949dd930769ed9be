"""Writing MARC files the way other library systems do, for the import tests: ISO 2709 in GB18030,
UTF-8 or MARC-8 bytes (pymarc itself writes only UTF-8), with the separators real exports put
between records, and MARCXML in the namespaces gateways use."""

from pymarc import Field, Indicators, Leader, Record, Subfield

FIELD_END, RECORD_END, SUBFIELD = b"\x1e", b"\x1d", b"\x1f"


def field(tag, *pairs, ind=(" ", " ")):
    return Field(
        tag=tag,
        indicators=Indicators(*ind),
        subfields=[Subfield(code=pairs[i], value=pairs[i + 1]) for i in range(0, len(pairs), 2)],
    )


def record(leader, *fields):
    built = Record(force_utf8=True, leader=Leader(leader))
    built.leader = Leader(leader)  # pymarc sets leader/09 to "a" (UTF-8) on creation: keep ours
    for item in fields:
        built.add_field(item)
    return built


def iso2709(built, encoding="utf-8", raw=None):
    """One record in transmission format, its text encoded with ``encoding`` (lengths and
    offsets in bytes, as the standard says). ``raw``: {tag: bytes} written as they are, for
    MARC-8 or deliberately broken bytes."""
    raw = raw or {}
    data, directory = b"", b""
    for item in built.fields:
        if item.tag in raw:
            body = raw[item.tag]
        elif item.control_field:
            body = item.data.encode(encoding)
        else:
            body = (item.indicator1 + item.indicator2).encode("ascii") + b"".join(
                SUBFIELD + sub.code.encode("ascii") + sub.value.encode(encoding) for sub in item.subfields
            )
        body += FIELD_END
        directory += f"{item.tag}{len(body):04d}{len(data):05d}".encode("ascii")
        data += body
    directory += FIELD_END
    base = 24 + len(directory)
    length = base + len(data) + 1
    leader = str(built.leader)
    leader = f"{length:05d}{leader[5:12]}{base:05d}{leader[17:]}"
    return leader.encode("ascii") + directory + data + RECORD_END


def cnmarc(record_id, title, charset="0120", author="路遥", extra=(), isbn="978-7-02-009462-3", audience="km "):
    """A CNMARC book record as 汇文 or dp2 export it; 100$a/26-29 carries ``charset``."""
    fields = [Field(tag="001", data=record_id)] if record_id is not None else []
    fields += [
        field("010", "a", isbn, "d", "CNY45.00"),
        field("100", "a", f"20170101d2017    {audience}y0chiy{charset}    ea"),
        field("101", "a", "chi", ind=("0", " ")),
        field("200", "a", title, "f", f"{author}著", ind=("1", " ")),
        field("210", "a", "北京", "c", "人民文学出版社", "d", "2017"),
        field("606", "a", "长篇小说", "y", "中国", "z", "当代"),
        field("690", "a", "I247.57", "v", "5"),
        field("701", "a", author, "4", "070", ind=(" ", "0")),
        *extra,
    ]
    return record("00000nam0 2200000   450 ", *fields)


def marcxml(records, namespace="http://www.loc.gov/MARC21/slim", record_attributes=""):
    """A collection of ``records`` in ``namespace`` (marcxchange, MARC21-slim or none)."""

    def escape(text):
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    parts = []
    for built in records:
        parts.append(f"<record{record_attributes}><leader>{escape(str(built.leader))}</leader>")
        for item in built.fields:
            if item.control_field:
                parts.append(f'<controlfield tag="{item.tag}">{escape(item.data)}</controlfield>')
            else:
                subs = "".join(f'<subfield code="{sub.code}">{escape(sub.value)}</subfield>' for sub in item.subfields)
                parts.append(
                    f'<datafield tag="{item.tag}" ind1="{item.indicator1}" ind2="{item.indicator2}">{subs}</datafield>'
                )
        parts.append("</record>")
    xmlns = f' xmlns="{namespace}"' if namespace else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<collection{xmlns}>' + "".join(parts) + "</collection>").encode()
