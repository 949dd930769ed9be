"""Which character set a catalogue file is in, and decoding it without ever storing U+FFFD.

Chinese library systems (汇文, Interlib, ILAS, 金盘, dp2) export CNMARC and spreadsheets in
GB2312/GBK/GB18030 far more often than in UTF-8. GB18030 is a superset of the other two, so it is
the one codec used for all three. A declaration is a hint, not a promise: dp2, for one, keeps
the "0120" of a GB record in 100$a when it exports the record as UTF-8. Since text in GB18030 is
practically never valid UTF-8 while GB18030 decodes almost any bytes, content that is valid UTF-8
is read as UTF-8 and other content with GB18030 (or MARC-8), strictly; text that does not decode
is refused by record or line, with the reason: nothing is decoded with replacement characters.
"""

import codecs

from portal.spreadsheets import GB18030 as GB
from portal.spreadsheets import UTF8, csv_codec

MARC8 = "marc-8"  # not a Python codec: pymarc's converter (MARC21 leader/09 blank)
# Names readers of the README may pass to --encoding, all meaning the GB18030 superset.
ALIASES = {
    "gb2312": GB,
    "gbk": GB,
    "cp936": GB,
    "gb18030": GB,
    "utf8": UTF8,
    "utf-8": UTF8,
    "utf-8-sig": UTF8,
    "marc8": MARC8,
    "marc-8": MARC8,
}
# UNIMARC 100$a/26-33 holds up to four two-character codes of graphic character sets; "50" is
# ISO 10646 (Unicode, written as UTF-8). CNMARC writes "0120" (ISO 646 + the national set
# GB 2312) for GB-encoded records; other Chinese codes seen in exports are read the same way.
UNIMARC_UNICODE = "50"
UNIMARC_BASIC = {"01", "02", "  ", ""}  # ISO 646 variants: ASCII, whatever comes after
# ISO 5426 (extended Latin), 5427 (Cyrillic), 5428 (Greek), 6438 (African), 10586 (Georgian),
# 8957 (Hebrew), 5426-2: European UNIMARC files. Python has no codec for them, and GB18030 would
# "decode" their bytes into Chinese nonsense, so such records are refused unless UTF-8.
UNIMARC_UNSUPPORTED = "unsupported"
UNIMARC_EUROPEAN = {"03", "04", "05", "06", "07", "08", "09", "11"}


class Undecodable(ValueError):
    """Text that the chosen character set does not decode."""


def codec_name(value):
    """``--encoding`` as typed → the codec used, or None when Python knows no such codec."""
    name = (value or "").strip().lower()
    if name in ALIASES:
        return ALIASES[name]
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def unimarc_declared(coded_data):
    """The codec that 100$a/26-33 declares: UTF-8 for "50", UNIMARC_UNSUPPORTED for a European
    set, GB18030 for a Chinese national set, None when only basic Latin or nothing is declared."""
    codes = {coded_data[i : i + 2] for i in range(26, 34, 2)}
    if UNIMARC_UNICODE in codes:
        return UTF8
    if codes & UNIMARC_EUROPEAN:
        return UNIMARC_UNSUPPORTED
    if codes - UNIMARC_BASIC:
        return GB
    return None


def label(name):
    return {UTF8: "UTF-8", GB: "GB18030(GBK)", MARC8: "MARC-8"}.get(name, name)


def sniff_text_file(path, sample=1 << 20):
    """The codec of a CSV file (portal.spreadsheets.csv_codec), read in pieces of ``sample`` bytes."""
    with open(path, "rb") as stream:
        return csv_codec(iter(lambda: stream.read(sample), b""))
