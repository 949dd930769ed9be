"""Chinese-aware text analysis, done in Python at index time and at query time so that SQLite
FTS5, PostgreSQL and Elasticsearch all see the same tokens (no IK or smartcn plugin needed).

Full-text engines split on spaces and punctuation; Chinese has neither between words, so a title
such as 平凡的世界 is one "word" to them and the fragment 平凡的 finds nothing. Here text becomes:

- character unigrams and bigrams of every run of Chinese characters (平 凡 的 世 界 平凡 凡的 的世
  世界), after traditional characters are converted to simplified (紅樓夢 → 红楼梦);
- latin words and numbers as they are, lower-cased;
- toneless pinyin of the whole run (pingfandeshijie) and its initials (pfdsj), for readers typing
  without an input method;
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
from pypinyin import lazy_pinyin

from portal.isbn import normalise_isbn

# Part of every record's content hash: a change to the analysis below must bump it, so that the
# next import re-indexes every record instead of reporting it unchanged.
VERSION = 2
CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
RUNS = re.compile(rf"[{CJK}]+|[a-z0-9]+")
IS_CJK = re.compile(rf"[{CJK}]")
LETTERS_ONLY = re.compile(r"^[a-z]+$")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")

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


def normalise(text):
    """Full-width to half-width (NFKC), traditional to simplified, lower case."""
    text = text or ""
    # Titles, names and subjects recur across a catalogue and through one record's analysis;
    # the conversion is the costliest step of an import. Long texts (summaries) are not kept.
    return _normalise_short(text) if len(text) <= 64 else _normalise(text)


def _normalise(text):
    text = unicodedata.normalize("NFKC", text)
    if not CONVERTIBLE.isdisjoint(text):
        text = _to_simplified.convert(text)
    return text.lower()


_normalise_short = lru_cache(maxsize=32768)(_normalise)


NOT_TEXT = re.compile(r"[\W_]+")


def squeeze(text):
    """Normalised, without spaces or punctuation: what two spellings of one title share."""
    return NOT_TEXT.sub("", normalise(text))


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
            tokens.extend(encode(run[i:i + 2]) for i in range(len(run) - 1))
        else:
            tokens.append(run)
    return tokens


@lru_cache(maxsize=65536)
def _pinyin(run):
    # Initials are the syllables' first letters (what pypinyin's FIRST_LETTER style gives, checked
    # over 469,085 runs of titles, names and summaries), without converting the run a second time.
    syllables = lazy_pinyin(run, errors="ignore")
    return syllables, [syllable[0] for syllable in syllables]


def pinyin_parts(text):
    """(syllables, initials) of the text: 平凡的世界 → [ping, fan, de, shi, jie], [p, f, d, s, j].
    Latin words and digits stand for themselves in both."""
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


def pinyin_tokens(text):
    """The pinyin forms and every prefix of them of two syllables or more, so that a reader may
    stop typing early: 平凡的世界 → pingfan, pingfande … pingfandeshijie, pf, pfd … pfdsj."""
    tokens = set()
    for parts in pinyin_parts(text):
        joined = ""
        for count, part in enumerate(parts, start=1):
            joined += part
            if count >= 2 or len(parts) == 1:
                tokens.add(joined)
    return sorted(tokens)


# Punctuation or spaces between two Chinese characters of one title: 哈利·波特 is also indexed as
# 哈利波特, so that a reader who leaves the dot out still finds every character pair of it.
BETWEEN_CHINESE = re.compile(rf"(?<=[{CJK}])[\W_]+(?=[{CJK}])")


def document_tokens(*texts):
    """The tokens a record is indexed under, for each of ``texts`` (a title, a name …)."""
    tokens = []
    for text in texts:
        tokens.extend(ngram_tokens(text))
        bridged = BETWEEN_CHINESE.sub("", normalise(text))
        if bridged != normalise(text):
            tokens.extend(ngram_tokens(bridged))
    return " ".join(dict.fromkeys(tokens))


def record_tokens(fields):
    """A record's search fields from ``(title, subtitle, series, author names, subjects, clc,
    summary)``: plain data in and out, so that an import can run it in worker processes."""
    title, subtitle, series, author_names, subjects, clc, summary = fields
    return {
        "search_title": document_tokens(title, subtitle, series),
        "search_authors": document_tokens(*author_names),
        "search_subjects": document_tokens(*subjects, clc),
        "search_summary": document_tokens(summary),
        "search_pinyin": " ".join(
            pinyin_tokens(title) + [token for name in author_names for token in pinyin_tokens(name)]),
        "title_key": squeeze(title),
        "author_keys": "|".join(squeeze(name) for name in author_names),
        "subject_keys": "|".join(squeeze(text) for text in [*subjects, series] if text),
    }


def query_tokens(query):
    """What a reader typed, as tokens to look for. A query of letters alone may be pinyin (or its
    initials), or an English word: it is looked up as is, and both fields hold such tokens."""
    tokens = ngram_tokens(query)
    squeezed = "".join(runs(query))
    if LETTERS_ONLY.match(squeezed) and squeezed not in tokens:
        tokens.append(squeezed)  # "ping fan de shi jie" → pingfandeshijie
    isbn = normalise_isbn(query)
    if isbn:
        tokens.append(isbn)
    return list(dict.fromkeys(tokens))


PAIRED_WORDS = 12  # a query of 2,000 characters asks for pairs among its first 12 words only


def query_tiers(query):
    """Ever looser conditions for the records worth ranking, each an OR of ANDs of tokens:
    every token (what a title, author or ISBN match satisfies); then any two of the query's
    words — character pairs, latin words — (a title typed with one wrong character); then any one
    of them. Single characters alone are too common to choose records by, except in a query of
    one character."""
    tokens = query_tokens(query)
    if not tokens:
        return []
    words = [token for token in tokens if not is_single_character(token)]
    isbn = normalise_isbn(query)
    # "ISBN 978-7-…" is an ISBN, whatever else its pieces match.
    tiers = [[[isbn]], [tokens]] if isbn else [[tokens]]
    if len(words) >= 2:
        first = words[:PAIRED_WORDS]
        tiers.append([[a, b] for i, a in enumerate(first) for b in first[i + 1:]])
    if words and [words] != [tokens]:
        tiers.append([[word] for word in words])
    return tiers


def is_single_character(token):
    # Encoded Chinese: "z" + 4 hex digits per character (every CJK block used is in the BMP).
    return token.startswith("z") and len(token) == 5
