"""How well a candidate answers a query, the same on every backend: a whole-title match beats a
title that starts with the query, which beats a title that contains it, which beats an author
match, then subjects, then the publisher. A query of several words ("平凡的世界 路遥") is scored
word by word and summed, so title + author finds the book with both. Equal scores are ordered by
``tie_break``."""

from . import analysis

squeeze = analysis.squeeze

# What each kind of match is worth; a query of several words adds up its words' scores.
TITLE_MATCH = 100
TITLE_PINYIN = 90  # the whole title's pinyin or initials, in any reading
TITLE_START = 70  # + up to 10 for the share of the title typed
TITLE_SOUNDS_LIKE = 62  # typed with homophones: 白路原 for 白鹿原
TITLE_NEAR_MISS = 58  # one character wrong, missing or extra: 草防子, 围成
TITLE_CONTAINS = 50  # + up to 10
AUTHOR_PINYIN = 55
AUTHOR = 40
AUTHOR_PART = 30
SUBJECT = 20
PUBLISHER = 15
SHARED_PAIRS = 10  # + up to 30 for the share of the query's character pairs in the title


def score(record, whole, readings, isbn, sounds=frozenset()):
    """The query as a whole, or the best of its ``readings`` (ways of cutting it into words)
    word by word, summed."""
    if isbn and record.isbn == isbn:
        return 1000
    title = record.title_key
    best = field_score(whole, title, record, sounds)
    for parts in readings:
        if len(parts) > 1:
            best = max(best, sum(field_score(part, title, record) for part in parts))
    return best


def field_score(text, title, record, sounds=frozenset()):
    if not text:
        return 0
    if text == title:
        return TITLE_MATCH
    if text.isascii() and text in record.search_pinyin.split():
        return TITLE_PINYIN if text in analysis.all_pinyin_forms(record.title) else AUTHOR_PINYIN
    if (
        text.isascii()
        and text.isalpha()
        and (record.title_pinyin.startswith(text) or record.title_initials.startswith(text))
    ):
        return AUTHOR_PINYIN  # one letter: the beginning of a title's pinyin, like two letters are
    if title.startswith(text):
        return TITLE_START + 10 * len(text) / max(len(title), 1)
    if sounds and len(text) == len(title) and sounds_like_title(sounds, record):
        return TITLE_SOUNDS_LIKE
    if near_miss(text, title):
        return TITLE_NEAR_MISS
    if text in title:
        return TITLE_CONTAINS + 10 * len(text) / max(len(title), 1)
    names = record.author_keys.split("|")
    if text in names:
        return AUTHOR
    if any(text in name for name in names):
        return AUTHOR_PART
    if text in record.subject_keys:
        return SUBJECT
    if text in squeeze(record.publisher):
        return PUBLISHER
    overlap = shared_bigrams(text, title)
    if overlap:
        return SHARED_PAIRS + 30 * overlap
    return 0


def sounds_like_title(sounds, record):
    # Only titles as long as the query (a homophone has as many characters), and the stored
    # pinyin tokens first: computing the readings of each of 500 candidates' titles was most of a
    # Chinese query's time.
    return not sounds.isdisjoint(record.search_pinyin.split()) and not sounds.isdisjoint(
        analysis.all_pinyin_forms(record.title)
    )


def near_miss(text, title):
    """One character wrong, missing or extra, in a query of two characters or more (not a
    fragment: 平凡 is a prefix of 平凡的世界, scored above)."""
    if len(text) < 2 or abs(len(text) - len(title)) > 1 or text == title:
        return False
    if len(text) == len(title):
        return sum(1 for a, b in zip(text, title) if a != b) == 1
    shorter, longer = sorted((text, title), key=len)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def shared_bigrams(text, title):
    """Share of the query's character pairs found in the title (a title typed with a wrong character)."""
    pairs = {text[i : i + 2] for i in range(len(text) - 1)}
    if not pairs:
        return 0
    return sum(1 for pair in pairs if pair in title) / len(pairs)


def tie_break(pair, looked_up=frozenset()):
    """Equal scores: more loans, then more copies on the library's shelves, then the newer
    edition, then the record id. Copies are the library's own judgement of demand: they decide
    between books with equal loans, and in particular in a catalogue exported without loan counts,
    which would otherwise rank its classics by record id. Deterministic, so every backend agrees.

    When more records matched than are ranked, those found by the title lookups (``looked_up``,
    the same on every backend) come before the engine's sample of equal score, which is not: so
    the top of the list is the same on SQLite, PostgreSQL and Elasticsearch."""
    points, record = pair
    return (
        -points,
        record.pk not in looked_up,
        -record.circulation_count,
        -record.copies,
        -(record.year or 0),
        record.record_id,
    )
