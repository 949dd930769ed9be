"""The demo catalogue: demo_data/catalogue.csv (real books and synthetic fill, see demo_data/build.py),
imported like any library's export. Re-running changes nothing (records are unchanged)."""

from pathlib import Path

from .importers import csv_reader, loader

CATALOGUE = Path(__file__).parent / "demo_data" / "catalogue.csv"


def load(stdout):
    summary = loader.load(csv_reader.read(CATALOGUE))
    stdout.write(f"馆藏书目：新增 {summary.created}，更新 {summary.updated}，未变 {summary.unchanged}")
    for position, reason in summary.rejected[:5]:
        stdout.write(f"  拒绝：{position}：{reason}")
