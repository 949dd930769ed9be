"""Chinese-aware text analysis, done in Python at index time and at query time so that SQLite
FTS5, PostgreSQL and Elasticsearch all see the same tokens (no IK or smartcn plugin needed).

Full-text engines split on spaces and punctuation; Chinese has neither between words, so a title
such as 平凡的世界 is one "word" to them and the fragment 平凡的 finds nothing. Here text becomes:

- character unigrams and bigrams of every run of Chinese characters (平 凡 的 世 界 平凡 凡的 的世
  世界), after traditional characters are converted to simplified (紅樓夢 → 红楼梦);
- latin words and numbers as they are, lower-cased;
- toneless pinyin of the whole run (pingfandeshijie) and its initials (pfdsj), for readers typing
  without an input method, in every reading of a polyphonic character (朝花夕拾: chao… and
  zhao…), a few readings a title at most;
- variant characters that OpenCC leaves alone folded to one form (锺 → 钟), and numbers in a
  second form (一九八四 ↔ 1984, 三体Ⅱ ↔ 三体2) so that either spelling finds the other;
- ISBNs in one form, ISBN-13 digits (ISBN-10 and hyphenated forms are converted).

Chinese tokens are written as ``z`` + hex code points (平凡 → z5e7351e1) so that every engine's
tokenizer keeps them whole and none of them stems or splits them (Elasticsearch's standard
tokenizer would cut a bigram into characters; PostgreSQL's dictionaries leave such words alone).
"""

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import opencc
from opencc import OpenCC
from pypinyin import Style, lazy_pinyin, pinyin

from portal.isbn import normalise_isbn

# Part of every record's content hash: a change to the analysis below must bump it, so that the
# next import re-indexes every record instead of reporting it unchanged.
VERSION = 9
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUNS = re.compile(rf"[{CJK}]+|[a-z0-9]+")
IS_CJK = re.compile(rf"[{CJK}]")
LETTERS_ONLY = re.compile(r"^[a-z]+$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# A reader's query longer than this is cut: no title is longer, and each character costs work.
MAX_QUERY_LENGTH = 100


def clean_query(text):
    """What a reader typed, as every search entry point takes it (the page, the API, the admin's
    book chooser): control characters dropped, runs of spaces made one, at most
    MAX_QUERY_LENGTH characters."""
    return " ".join(CONTROL.sub("", text or "").split())[:MAX_QUERY_LENGTH]


_to_simplified = OpenCC("t2s")


def _convertible_characters():
    """Every character OpenCC's t2s tables might change: text without any is left as it is, which
    spares the (pure Python, slow) converter most titles at import time."""
    folder = Path(opencc.__file__).parent / "dictionary"
    characters = set()
    for name in ("TSCharacters.txt", "TSPhrases.txt"):
        with open(folder / name, encoding="utf-8") as table:
            for line in table:
                characters.update(line.split("\t", 1)[0])
    return frozenset(characters)


CONVERTIBLE = _convertible_characters()


# Variant characters of the 通用规范汉字表 (2013) that stand for a standard character in names
# and titles, left alone by OpenCC's t2s because each is itself a standard character in some
# use (钱锺书 is written with 锺 by his publishers). Folded both in the index and in queries, so
# either spelling finds the other; what readers see is never changed.
VARIANTS = str.maketrans(
    {
        "锺": "钟",
        "於": "于",
        "喆": "哲",
        "堃": "坤",
        "昇": "升",
        "陞": "升",
        "甦": "苏",
        "邨": "村",
        "迳": "径",
        "犇": "奔",
        "祐": "佑",
        "淼": "渺",
        "皙": "晰",
        "仝": "同",
        "玥": "月",
        "瞋": "嗔",
        "劄": "札",
        "夤": "寅",
        "裏": "里",
        "妳": "你",
        "羣": "群",
        "峯": "峰",
        "綫": "线",
        "甯": "宁",
        "彊": "疆",
    }
)


def normalise(text):
    """Full-width to half-width (NFKC), traditional to simplified, variants folded, lower case."""
    text = text or ""
    # Titles, names and subjects recur across a catalogue and through one record's analysis;
    # the conversion is the costliest step of an import. Long texts (summaries) are not kept.
    return _normalise_short(text) if len(text) <= 64 else _normalise(text)


def _normalise(text):
    text = unicodedata.normalize("NFKC", text.translate(ROMAN_NUMERALS))
    if not CONVERTIBLE.isdisjoint(text):
        text = _to_simplified.convert(text)
    return text.translate(VARIANTS).lower()


_normalise_short = lru_cache(maxsize=32768)(_normalise)


NOT_TEXT = re.compile(r"[\W_]+")


def squeeze(text):
    """Normalised, without spaces or punctuation, numbers in Arabic digits: what two spellings of
    one title share (三体Ⅱ and 三体2, 一九八四 and 1984)."""
    return arabic_numerals(NOT_TEXT.sub("", normalise(text)))


# Numbers. Unicode's Roman numerals (Ⅱ, U+2161) become Arabic digits before NFKC, which would
# make them the letters "ii"; Roman numerals written in ASCII right after Chinese (三体II) too.
# Chinese digits written digit by digit (一九八四, 二〇〇八: years, titles like 1984) have an
# Arabic twin; counted numbers (二十四史) are left alone: 二十 is not a fragment of 24.
ROMAN_NUMERALS = {0x2160 + value - 1: str(value) for value in range(1, 13)}
ROMAN_NUMERALS.update({0x2170 + value - 1: str(value) for value in range(1, 13)})
ROMAN_AFTER_CHINESE = re.compile(rf"(?<=[{CJK}])(x{{0,3}})(ix|iv|v?i{{0,3}})(?![a-z])")
ROMAN_VALUES = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9}
CHINESE_DIGITS = "〇零一二三四五六七八九"
DIGIT_RUN = re.compile(f"[{CHINESE_DIGITS}]{{2,}}")
ARABIC_RUN = re.compile(r"\d+")


def _roman(match):
    tens, units = match.group(1), match.group(2)
    if not tens and not units:
        return match.group(0)
    return str(10 * len(tens) + ROMAN_VALUES.get(units, 0))


def arabic_numerals(text):
    """Normalised text with its numbers in Arabic digits."""
    text = ROMAN_AFTER_CHINESE.sub(_roman, text)
    return DIGIT_RUN.sub(lambda m: "".join(str(max(CHINESE_DIGITS.index(c) - 1, 0)) for c in m.group(0)), text)


def chinese_numerals(text):
    """Normalised text with Arabic numbers written in Chinese digits (1984 → 一九八四)."""
    return ARABIC_RUN.sub(lambda m: "".join(CHINESE_DIGITS[int(d) + 1] if d != "0" else "〇" for d in m.group(0)), text)


NUMERALS = re.compile(rf"[0-9{CHINESE_DIGITS}十百千]|(?<=[{CJK}])[ivx]")


def numeral_twins(text):
    """The other spellings of ``text``'s numbers, as normalised texts (none when it has none)."""
    text = normalise(text)
    if not NUMERALS.search(text):
        return []
    twins = {arabic_numerals(text), chinese_numerals(arabic_numerals(text))} - {text}
    return sorted(twins)


def encode(chinese):
    return "z" + "".join(f"{ord(char):x}" for char in chinese)


def runs(text):
    """Runs of Chinese characters and of latin letters/digits, in order."""
    return RUNS.findall(normalise(text))


def ngram_tokens(text):
    """Unigrams and bigrams of Chinese runs, encoded; latin words as they are."""
    tokens = []
    for run in runs(text):
        if IS_CJK.match(run):
            tokens.extend(encode(char) for char in run)
            tokens.extend(encode(run[i : i + 2]) for i in range(len(run) - 1))
        else:
            tokens.append(run)
    return tokens


READINGS = 6  # readings of one run of Chinese at most (the usual one and five others)
NAME_READINGS = 3  # readings of an author's whole name given a token of their own
OTHER_READINGS = 2  # other readings tried per polyphonic character


@lru_cache(maxsize=65536)
def _readings(run):
    """The run's syllables in its usual reading (pypinyin's, phrase-aware), then in readings with
    one polyphonic character read another way (朝花夕拾: chao hua xi shi, zhao hua xi shi …), at
    most READINGS in all, each character's likelier other reading before any second one: readers
    type the reading they know, which is not always the usual one, and a title may not multiply
    the index."""
    usual = lazy_pinyin(run, errors="ignore")
    readings = [tuple(usual)]
    if len(usual) != len(run):  # characters pypinyin cannot read: keep the usual reading only
        return readings
    others = [
        [reading for reading in _heteronyms(char) if reading != usual[position]][:OTHER_READINGS]
        for position, char in enumerate(run)
    ]
    for rank in range(OTHER_READINGS):
        for position, alternatives in enumerate(others):
            if rank < len(alternatives):
                if len(readings) == READINGS:
                    return readings
                readings.append(tuple(usual[:position]) + (alternatives[rank],) + tuple(usual[position + 1 :]))
    return readings


@lru_cache(maxsize=None)
def _heteronyms(char):
    # One character at a time, so that a catalogue's few thousand characters are looked up once
    # (pypinyin's phrase-aware heteronym lookup of whole runs took a quarter of an import).
    return tuple(pinyin(char, style=Style.NORMAL, heteronym=True, errors="ignore")[0] or ())


def _pinyin(run):
    syllables = _readings(run)[0]
    return list(syllables), [syllable[0] for syllable in syllables]


def pinyin_parts(text):
    """(syllables, initials) of the text in its usual reading: 平凡的世界 → [ping, fan, de, shi,
    jie], [p, f, d, s, j]. Latin words and digits stand for themselves in both."""
    syllables, initials = [], []
    for run in runs(text):
        if IS_CJK.match(run):
            full, first = _pinyin(run)
            syllables.extend(full)
            initials.extend(first)
        else:
            syllables.append(run)
            initials.append(run)
    return syllables, initials


def pinyin_forms(text):
    """The whole text's pinyin and initials run together: pingfandeshijie, pfdsj."""
    syllables, initials = pinyin_parts(text)
    return "".join(syllables), "".join(initials)


def pinyin_readings(text):
    """Every reading of the text (see _readings) as syllable lists; the usual one first. The
    other readings vary one run at a time, so a text of several runs stays bounded too."""
    parts = [(_readings(run) if IS_CJK.match(run) else [(run,)]) for run in runs(text)]
    usual = [syllable for readings in parts for syllable in readings[0]]
    found = [usual]
    for index, readings in enumerate(parts):
        before = [syllable for earlier in parts[:index] for syllable in earlier[0]]
        after = [syllable for later in parts[index + 1 :] for syllable in later[0]]
        found += [before + list(reading) + after for reading in readings[1:]]
    return found


def all_pinyin_forms(text):
    """{full pinyin and initials of every reading}: what a reader typing pinyin may mean."""
    forms = set()
    for syllables in pinyin_readings(text):
        forms.add("".join(syllables))
        forms.add("".join(syllable[0] for syllable in syllables))
    return forms


WHOLE_PINYIN = "0p"  # no pinyin or latin word of a title begins with a zero and a p
WHOLE_NAME_PINYIN = "0a"


def whole_pinyin_token(form):
    """The token marking a title's whole pinyin (or initials), besides the prefixes every title
    beginning with those syllables shares: the engine can then be asked for the exact ones (边城
    among thousands of 编程…)."""
    return WHOLE_PINYIN + form


def whole_name_pinyin_token(form):
    """The same for an author's name (the real 余华 among thousands of 余华文…): a token of its own,
    so that a Chinese query typed with a homophone of a title (边诚) does not also bring every
    author whose name sounds like it."""
    return WHOLE_NAME_PINYIN + form


def pinyin_tokens(text):
    """The pinyin forms of every reading and every prefix of them of two syllables or more, so
    that a reader may stop typing early: 平凡的世界 → pingfan, pingfande … pingfandeshijie, pf,
    pfd … pfdsj."""
    tokens = set()
    for syllables in pinyin_readings(text):
        for parts in (syllables, [syllable[0] for syllable in syllables]):
            joined = ""
            for count, part in enumerate(parts, start=1):
                joined += part
                if count >= 2 or len(parts) == 1:
                    tokens.add(joined)
    return sorted(tokens)


# Punctuation or spaces between two Chinese characters of one title: 哈利·波特 is also indexed as
# 哈利波特, so that a reader who leaves the dot out still finds every character pair of it.
BETWEEN_CHINESE = re.compile(rf"(?<=[{CJK}])[\W_]+(?=[{CJK}])")


TWINNED = 64  # titles and names get numeral twins; a summary's years are not worth doubling it


def document_tokens(*texts):
    """The tokens a record is indexed under, for each of ``texts`` (a title, a name …)."""
    tokens = []
    for text in texts:
        tokens.extend(ngram_tokens(text))
        bridged = BETWEEN_CHINESE.sub("", normalise(text))
        if bridged != normalise(text):
            tokens.extend(ngram_tokens(bridged))
        if len(text) <= TWINNED:
            for twin in numeral_twins(bridged):
                tokens.extend(ngram_tokens(twin))
    return " ".join(dict.fromkeys(tokens))


def record_tokens(fields):
    """A record's search fields from ``(title, subtitle, series, author names, subjects, clc,
    summary, publisher, other forms)``: plain data in and out, so that an import can run it in
    worker processes. The publisher and other forms (romanised titles) are searchable with the
    subjects, weighted below title and authors."""
    title, subtitle, series, author_names, subjects, clc, summary, publisher, other_forms = fields
    title_pinyin, title_initials = pinyin_forms(title)
    return {
        "search_title": document_tokens(title, subtitle, series),
        "search_authors": document_tokens(*author_names),
        "search_subjects": document_tokens(*subjects, clc, publisher, *other_forms),
        "search_summary": document_tokens(summary),
        "search_pinyin": " ".join(
            pinyin_tokens(title)
            + [whole_pinyin_token(form) for form in sorted(all_pinyin_forms(title))]
            + [token for name in author_names for token in pinyin_tokens(name)]
            # A name's whole pinyin, not its initials: thousands of names share two letters. Three
            # readings: the usual one and the surname's other readings (曾 zeng/ceng, 单 shan/dan),
            # which come first (see _readings); more cost import time for little.
            + [
                whole_name_pinyin_token("".join(syllables))
                for name in author_names
                for syllables in pinyin_readings(name)[:NAME_READINGS]
            ]
        ),
        "title_key": squeeze(title),
        "title_pinyin": title_pinyin[:500],
        "title_initials": title_initials[:200],
        "author_keys": "|".join(squeeze(name) for name in author_names),
        "subject_keys": "|".join(squeeze(text) for text in [*subjects, series, *other_forms] if text),
    }


def query_tokens(query):
    """What a reader typed, as tokens to look for. A query of letters alone may be pinyin (or its
    initials), or an English word: it is looked up as is, and both fields hold such tokens."""
    tokens = ngram_tokens(query)
    joined = joined_letters(query)
    if joined and joined not in tokens:
        tokens.append(joined)  # "ping fan de shi jie" → pingfandeshijie
    isbn = normalise_isbn(query)
    if isbn:
        tokens.append(isbn)
    return list(dict.fromkeys(tokens))


def joined_letters(query):
    """The query's letters run together when it is letters and spaces only (pinyin typed with
    spaces anywhere: "hong lou meng", "yu hua", "honglou meng"), else ""."""
    squeezed = "".join(runs(query))
    return squeezed if LETTERS_ONLY.match(squeezed) else ""


PAIRED_WORDS = 12  # a query of 2,000 characters asks for pairs among its first 12 words only
SHORT_QUERY = 4  # Chinese characters: a query this short with one wrong one has no intact pair


def query_tiers(query):
    """Ever looser conditions for the records worth ranking, each an OR of ANDs of tokens:
    every token (what a title, author or ISBN match satisfies; for letters typed with spaces,
    the letters joined — pinyin — or every word — English); then titles that sound like the
    query (its pinyin: 围成 → weicheng finds 围城); then any two of the query's words —
    character pairs, latin words — (a title typed with one wrong character); then any one of
    them; and for a short Chinese query, any two of its characters or, for two characters, any
    one. Single characters alone are too common to choose records by otherwise."""
    tokens = query_tokens(query)
    if not tokens:
        return []
    words = [token for token in tokens if not is_single_character(token)]
    isbn = normalise_isbn(query)
    joined = joined_letters(query)
    # "ISBN 978-7-…" is an ISBN, whatever else its pieces match.
    tiers = [[[isbn]], [tokens]] if isbn else [[tokens]]
    if joined and len(tokens) > 1:
        # The letters joined (one title's pinyin), every word (English), or the words in two
        # runs (a title's pinyin and an author's: "hong lou meng cao xue qin").
        words_typed = [token for token in tokens if token != joined]
        tiers = [[[joined], words_typed, *two_runs(words_typed)]]
    sounds = sounds_like(query)
    if sounds:
        tiers.append([[form] for form in sounds])
    if len(words) >= 2:
        first = words[:PAIRED_WORDS]
        tiers.append([[a, b] for i, a in enumerate(first) for b in first[i + 1 :]])
    if words and [words] != [tokens] and not joined:
        tiers.append([[word] for word in words])
    characters = [token for token in tokens if is_single_character(token)]
    if 2 <= len(characters) <= SHORT_QUERY and len(runs(query)) == 1:
        pairs = [[a, b] for i, a in enumerate(characters) for b in characters[i + 1 :]]
        tiers.append([[character] for character in characters] if len(characters) == 2 else pairs)
    return tiers


def two_runs(words):
    """Every way of cutting a sequence of words in two and running each part together."""
    words = words[:PAIRED_WORDS]
    return [["".join(words[:cut]), "".join(words[cut:])] for cut in range(1, len(words))]


def sounds_like(query):
    """The usual pinyin of a Chinese query, every reading, when it has two characters or more:
    what a title typed with a homophone (纳喊, 白路原) shares with the right one."""
    if not IS_CJK.search(query) or len(IS_CJK.findall(query)) < 2:
        return []
    return sorted({"".join(reading) for reading in pinyin_readings(query)})


ENCODED_CHARACTER = re.compile(r"^z[0-9a-f]{4}$")


def is_single_character(token):
    # Encoded Chinese: "z" + 4 hex digits per character (every CJK block used is in the BMP).
    # Pinyin such as "zhang" or "zhuan" has five letters and a z too, but not hex digits.
    return bool(ENCODED_CHARACTER.match(token))
