"""Work of the analysis done by task workers: the overlap export and the similarity index."""

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekosopimus.agreements.models import Agreement
from ekosopimus.jobs.models import Job
from ekosopimus.jobs.registry import Outcome, register
from ekosopimus.lib.sheets import write_csv, write_xlsx

from .overlaps import EXPORT_HEADERS, EXPORT_PAIRS, export_rows, overlap_report
from .similarity.corpus import index_build

CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


@register(
    "overlap_export",
    label=gettext_lazy("Overlap report download"),
    phases={
        "search": gettext_lazy("Searching for similar pairs"),
        "write": gettext_lazy("Writing"),
    },
)
def overlap_export(job: Job, report) -> Outcome:
    """Up to ``EXPORT_PAIRS`` pairs of the overlap report, of what the requester may read."""
    params = job.params
    agreement = Agreement.objects.get(slug=params["slug"])
    report("search", 0, 0)
    found = overlap_report(
        agreement=agreement,
        user=job.created_by,
        threshold=params["threshold"],
        only_within=params["only_within"],
        limit=EXPORT_PAIRS,
        unreviewed_only=params.get("unreviewed_only", False),
    )
    report("write", 0, 0)
    stream = io.BytesIO()
    if params["format"] == "xlsx":
        write_xlsx(export_rows(found), stream, headers=EXPORT_HEADERS, title="Päällekkäisyydet")
    else:
        write_csv(export_rows(found), stream, headers=EXPORT_HEADERS)
    day = timezone.localdate().isoformat()
    return Outcome(
        message=_("%(count)s pairs.") % {"count": found.pair_count},
        content=stream.getvalue(),
        file_name=f"paallekkaisyydet-{agreement.slug}-{day}.{params['format']}",
        content_type=CONTENT_TYPES[params["format"]],
    )


@register("similarity_index", label=gettext_lazy("Similarity index of the projects"))
def similarity_index(job: Job, report) -> Outcome:
    """Build the index of every project and save it for every web and worker process."""
    index = index_build()
    return Outcome(message=_("%(count)s projects indexed.") % {"count": len(index)})
