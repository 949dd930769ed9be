"""A catalogue record as ranking reads it: a few fields of each of up to 1,500 candidates."""

# What ranking (and the search page's facets and "newest" sort) reads: candidates are fetched with
# these fields only; the records a page shows are fetched whole by ``engine.whole_records``.
FOR_RANKING = (
    "id",
    "record_id",
    "title",
    "title_key",
    "title_pinyin",
    "title_initials",
    "search_pinyin",
    "author_keys",
    "subject_keys",
    "isbn",
    "publisher",
    "circulation_count",
    "copies",
    "clc",
    "year",
)


class Candidate:
    """A record as ranking reads it: the FOR_RANKING fields as plain attributes. A search reads up
    to 1,500 candidates, and building them as model instances took longer than the database took
    to find them (500 records: 26 ms as instances, 9 ms as rows, on PostgreSQL). Equal to, and
    hashed like, the record with the same primary key, model instance or not."""

    __slots__ = FOR_RANKING

    def __init__(self, values):
        for name, value in zip(FOR_RANKING, values):
            setattr(self, name, value)

    @property
    def pk(self):
        return self.id

    def __eq__(self, other):
        return getattr(other, "pk", None) == self.id if hasattr(other, "pk") else NotImplemented

    def __hash__(self):
        return hash(self.id)

    def __repr__(self):
        return f"<Candidate {self.record_id} {self.title}>"
