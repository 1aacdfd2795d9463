"""The lease of a running segmentation: renewed by its run while it works, so a dead run is told from a slow one.

A run owns an article while the article is `running` with the run's start time. While it works, a
thread of the run renews `segmentation_heartbeat_at` every FACTCHECK_SEGMENTATION_HEARTBEAT_SECONDS.
A lease not renewed for FACTCHECK_SEGMENTATION_STUCK_SECONDS belongs to a run that died (a killed
worker, an out-of-memory kill, the hard time limit): the sweep or a redelivered message takes it over.
A live run keeps renewing, so it is never taken over; one that lost its lease anyway (paused
longer than the lease) finds its start time gone and writes nothing.
"""

import logging
import threading
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connections
from django.db.models import Q, QuerySet
from django.utils import timezone

from .models import Article

logger = logging.getLogger(__name__)


def owned_by(article_ids, run_started) -> QuerySet:
    """The articles among `article_ids` that the run started at `run_started` still owns."""
    return Article.objects.filter(
        pk__in=article_ids,
        segmentation_status=Article.SegmentationStatus.RUNNING,
        segmentation_started_at=run_started,
    )


def lease_expired(now) -> Q:
    """Running articles whose run stopped renewing its lease: their worker is gone."""
    stale = now - timedelta(seconds=settings.FACTCHECK_SEGMENTATION_STUCK_SECONDS)
    return Q(segmentation_status=Article.SegmentationStatus.RUNNING) & (
        Q(segmentation_heartbeat_at__lt=stale)
        # A run claimed by a worker from before leases (during a deploy) has only its start time.
        | Q(segmentation_heartbeat_at__isnull=True, segmentation_started_at__lt=stale)
    )


def lease_renew(*, article_ids, run_started) -> int:
    """Renew the lease on the articles the run still owns; how many it still owns."""
    return owned_by(article_ids, run_started).update(segmentation_heartbeat_at=timezone.now())


class Heartbeat:
    """Renews a run's lease from a thread of its own until the `with` block ends.

    A thread, because one article may take longer to segment than the lease lasts, and the
    segmenter cannot stop to renew. The thread uses its own database connection, in autocommit.
    """

    def __init__(self, *, article_ids, run_started, interval: float | None = None):
        self.article_ids = list(article_ids)
        self.run_started = run_started
        self.interval = interval if interval is not None else settings.FACTCHECK_SEGMENTATION_HEARTBEAT_SECONDS
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="segmentation-heartbeat", daemon=True)

    def __enter__(self):
        if self.article_ids:
            self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        if self._thread.is_alive():
            # Not for long: a renewal waiting on a row lock finds the run over once it gets it.
            self._thread.join(timeout=self.interval)
        return False

    def _run(self) -> None:
        try:
            while not self._stop.wait(self.interval):
                try:
                    if not lease_renew(article_ids=self.article_ids, run_started=self.run_started):
                        return  # written, released or taken over: nothing left to keep alive
                except DatabaseError:
                    # The run's own writes will meet the same outage; the next beat tries again.
                    logger.warning("could not renew the segmentation lease of articles %s", self.article_ids)
        finally:
            connections.close_all()  # this thread's connections only
