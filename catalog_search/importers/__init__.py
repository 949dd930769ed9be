"""Catalogue importers: a reader per file format turns a file into ``Row``s (or ``Rejected``
rows naming what is wrong), and ``loader.load`` upserts them in batches and indexes them."""

from dataclasses import dataclass, field


@dataclass
class Row:
    position: str  # "第 12 行" / "第 3 条记录": where a reader of the summary finds it
    fields: dict
    holdings: list | None = None  # [(branch code, call number, status)], None: leave holdings alone
    warnings: list = field(default_factory=list)


@dataclass
class Rejected:
    position: str
    reason: str


@dataclass
class Skipped:
    """Not a catalogue record at all (a holdings record in a MARC file): counted, not rejected."""

    position: str
    reason: str


@dataclass
class Note:
    """How a reader decided something for a record (its character set, its MARC dialect): the
    summary counts each note once per record it applied to."""

    message: str
