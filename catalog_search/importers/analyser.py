"""Chinese analysis of an import's new and changed records, on every core.

Analysis is about a third of an import and needs no database, while the rest of a batch waits
on it: on a machine with several cores, large batches are analysed by worker processes (spawned,
so that they share no database connection with the importer) while the importer waits, which
brings a 2-core machine's PostgreSQL import above 2,000 records/s. Small batches are analysed in
the importer itself: starting the workers (they load the conversion and pinyin tables) costs
about a second.
"""

import multiprocessing
import os

from .. import analysis

PARALLEL_FROM = 200  # records in one batch


class Analyser:
    def __init__(self, workers=None):
        self.workers = workers or os.cpu_count() or 1
        self.pool = None

    def prepare(self, records):
        """``record.prepare_search()`` for each of ``records``, in parallel when it pays."""
        if self.workers < 2 or len(records) < PARALLEL_FROM:
            for record in records:
                record.prepare_search()
            return
        if self.pool is None:
            self.pool = multiprocessing.get_context("spawn").Pool(self.workers)
        chunk = -(-len(records) // (self.workers * 4))
        tokens = self.pool.map(analysis.record_tokens, [record.analysis_input() for record in records], chunk)
        for record, fields in zip(records, tokens):
            record.prepare_search(fields)

    def close(self):
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
            self.pool = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()
