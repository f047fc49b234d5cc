"""Reminders and notifications of progress reports, and the figures made ready after a
change, run by task workers."""

import logging
import time

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from ekosopimus.jobs.schedule import DAILY, MINUTELY, periodic

from .notifications import report_returned_notify
from .reminders import reminders_send
from .situation import figures_prepare

logger = logging.getLogger(__name__)


@periodic("send_reminders", every=DAILY, hour=settings.REMINDERS_HOUR)
@task()
def send_reminders() -> dict:
    """Today's reminders of progress reports and the coordinators' weekly summaries."""
    run = reminders_send(today=timezone.localdate())
    for problem in run.problems:
        logger.warning("reminders: %s", problem)
    logger.info(
        "reminders of %s: %s reminders, %s summaries, %s e-mailed, %s sent before",
        run.today, run.reminders, run.digests, run.emailed, run.already,
    )  # fmt: skip
    return {"reminders": run.reminders, "digests": run.digests, "emailed": run.emailed}


@task()
def notify_report_returned(report_id: int) -> int:
    """Tell the reporter that their report was returned; how many were told now."""
    return sum(d.created for d in report_returned_notify(report_id=report_id))


@periodic("prepare_figures", every=MINUTELY)
@task()
def prepare_figures() -> int:
    """Make the rules and situation pictures ready after a change, before anyone asks: at
    real size a picture takes seconds to compute. With nothing changed it costs a query and
    a cache look-up per figure."""
    started = time.perf_counter()
    computed = figures_prepare()
    if computed:
        logger.info("figures computed: %s in %.1f s", computed, time.perf_counter() - started)
    return computed
