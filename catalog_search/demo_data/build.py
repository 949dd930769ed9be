"""Builds catalogue.csv, the demo catalogue ``load_demo`` imports: the real books of real_books.tsv
(titles, authors, publishers and years of real editions; ISBNs are made up but valid, since the
demo must not pass off invented numbers as real ones — they are drawn from a fixed seed) plus
synthetic records to reach 600, with copies across the demo branches.

    python -m catalog_search.demo_data.build
"""

import csv
import random
from pathlib import Path

from catalog_search.tools import synthetic

HERE = Path(__file__).parent
BRANCHES = ("ZG", "FG01", "FG02", "FG03", "YSF01", "YSF02")
TOTAL = 600
STATUSES = ("在架", "在架", "在架", "借出", "借出", "在途", "馆内阅览")


def real_books():
    with open(HERE / "real_books.tsv", encoding="utf-8", newline="") as stream:
        yield from csv.DictReader(stream, delimiter="\t")


def rows():
    rng = random.Random(423)
    count = 0
    for number, book in enumerate(real_books(), start=1):
        copies = rng.sample(BRANCHES, k=rng.choice((1, 2, 2, 3, 4)))
        yield {
            "record_id": f"R{number:05d}",
            "title": book["title"],
            "authors": book["authors"],
            "publisher": book["publisher"],
            "year": book["year"],
            "isbn": synthetic.isbn13(rng),
            "clc": book["clc"],
            "subjects": book["subjects"],
            "summary": "",
            "holdings": ";".join(f"{code}|{book['clc']}/{number}|{rng.choice(STATUSES)}" for code in copies),
            "circulation_count": rng.randint(20, 400),
            "audience": book["audience"],
        }
        count += 1
    yield from synthetic.records(TOTAL - count, seed=7, branches=BRANCHES)


def build(path=HERE / "catalogue.csv"):
    with open(path, "w", encoding="utf-8", newline="") as stream:
        synthetic.write_csv(stream, rows())
    return path


if __name__ == "__main__":
    print(build())
