"""Chinese analysis of an import's new and changed records, on every core, while the importer
writes.

Analysis is about a third of an import and needs no database, while the rest of a batch waits on
it. On a machine with several cores, large batches are analysed by worker processes (spawned, so
that they share no database connection with the importer), and the next batch's analysis starts
before the current one is written (``start``): writing is the importer and the database taking
turns, which leaves a core idle that the workers fill. On a shared 2-core machine, 20,000 new
records took 5–10 % less time (PostgreSQL 29.7 and 28.8 s before, 26.4 and 28.3 s after; SQLite
26.2 s, 24.6 s): not more, because the importer, the database and the workers share two cores.

The next batch is analysed before it is known which of its records are new or changed, so a
re-import of an unchanged catalogue would analyse for nothing: analysis ahead stops as soon as a
batch turns out to be mostly unchanged. Small batches are analysed in the importer itself:
starting the workers (each loads the conversion and pinyin tables) costs about a second. Workers
that cannot start (no processes to be had, or a caller whose main module a spawned process cannot
import, such as a script piped into ``manage.py shell``) mean analysis here, never a failed or
hanging import.
"""

import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import get_context

from ..search import analysis

PARALLEL_FROM = 200  # records in one batch
AHEAD_WHEN = 0.5  # analyse the next batch ahead while at least this share of a batch needed analysis


class Ahead:
    """A batch's analysis under way in the workers: ``tokens()`` waits for it."""

    def __init__(self, inputs, futures):
        self.inputs = inputs  # {record_id: analysis input}
        self.futures = futures

    def tokens(self):
        """{record_id: (analysis input, search fields)}."""
        results = [fields for future in self.futures for fields in future.result()]
        return {record_id: (given, fields) for (record_id, given), fields in zip(self.inputs.items(), results)}


class Analyser:
    def __init__(self):
        self.workers = os.cpu_count() or 1
        self.pool = None
        self.ahead_pays = True  # until a batch turns out mostly unchanged

    def start(self, inputs):
        """Begin analysing ``inputs`` ({record_id: analysis input}) in the workers and return at
        once: an ``Ahead`` for ``prepare``, or None when it does not pay."""
        if not (self.ahead_pays and self.workers >= 2 and len(inputs) >= PARALLEL_FROM):
            return None
        try:
            return Ahead(inputs, self.submit(list(inputs.values())))
        except (OSError, BrokenProcessPool):
            self.stop_workers()
            return None

    def prepare(self, records, ahead=None, batch_size=None):
        """``record.prepare_search()`` for each of ``records``, with what ``ahead`` analysed
        already, the rest in parallel when it pays. ``batch_size``: how many records the batch
        held, to judge whether analysing the next one ahead pays."""
        if batch_size:
            self.ahead_pays = len(records) >= batch_size * AHEAD_WHEN
        done = self.collect(ahead)
        rest = []
        for record in records:
            given, fields = done.get(record.record_id, (None, None))
            if fields is not None and given == record.analysis_input():
                record.prepare_search(fields)
            else:
                rest.append(record)
        if self.workers >= 2 and len(rest) >= PARALLEL_FROM:
            try:
                for record, fields in zip(rest, self.run([record.analysis_input() for record in rest])):
                    record.prepare_search(fields)
                return
            except (OSError, BrokenProcessPool):
                self.stop_workers()
        for record in rest:
            record.prepare_search()

    def collect(self, ahead):
        if ahead is None:
            return {}
        try:
            return ahead.tokens()
        except (OSError, BrokenProcessPool):
            self.stop_workers()
            return {}

    def submit(self, inputs):
        if self.pool is None:
            self.pool = ProcessPoolExecutor(
                self.workers, mp_context=get_context("spawn"), initializer=end_with_parent, initargs=(os.getpid(),)
            )
        size = -(-len(inputs) // (self.workers * 4))
        return [self.pool.submit(analyse_all, inputs[start : start + size]) for start in range(0, len(inputs), size)]

    def run(self, inputs):
        return [fields for future in self.submit(inputs) for fields in future.result()]

    def stop_workers(self):
        self.close()
        self.workers = 1

    def close(self):
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
            self.pool = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.close()


def analyse_all(inputs):
    """In a worker: the search fields of each of ``inputs``."""
    return [analysis.record_tokens(given) for given in inputs]


def end_with_parent(parent):
    """In each worker: exit when the importer is gone. A normal end or an exception shuts the
    pool down, but an importer killed outright (SIGKILL, the out-of-memory killer, a closed
    terminal's session ending) cannot, and its workers, about 80 MB each, would wait for work for
    ever. Orphaned, a worker gets a new parent: that is the sign."""

    def watch():
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(0)

    threading.Thread(target=watch, daemon=True, name="end-with-importer").start()
