"""Moving projects in and out: uploading a EURA list, downloading the portfolio."""

import io

from django import forms
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekosopimus.accounts.access import access_for, ensure
from ekosopimus.agreements.selectors import agreement_get, agreement_get_internal
from ekosopimus.jobs.services import job_submit

from .. import selectors
from ..exports import export_rows, write_csv, write_xlsx
from ..models import ProjectImport

# A EURA export of 100,000 projects is about 25 MB.
MAX_UPLOAD_BYTES = 100 * 1024 * 1024
EXPORTS = {
    "xlsx": (write_xlsx, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "csv": (write_csv, "text/csv; charset=utf-8"),
}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("EURA project list"),
        help_text=gettext_lazy("EURA 2021 Excel export (.xlsx) or EURA 2014 / 2007 list (.csv)."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 100 MB."))
        return upload


@login_required
def project_import(request, slug: str):
    """Upload a EURA list into the agreement: a worker imports the whole file, or nothing and
    lists every bad row, while the job's page shows how far it has come."""
    agreement = agreement_get_internal(slug=slug, user=request.user)
    ensure(access_for(request.user).edits_portfolio(agreement.pk))
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        job = job_submit(
            kind="eura_import",
            title=_("EURA list %(file)s – %(region)s")
            % {"file": upload.name, "region": agreement.city_region},
            by=request.user,
            params={"agreement": agreement.pk},
            upload=upload,
        )
        return redirect(job)
    imports = ProjectImport.objects.filter(agreement=agreement).select_related("imported_by")
    return render(
        request,
        "portfolio/import.html",
        {"agreement": agreement, "form": form, "imports": imports[:20]},
    )


@login_required
def import_detail(request, pk: int):
    """What one import did: counts and every warning with its line."""
    record = ProjectImport.objects.select_related("agreement", "imported_by").filter(pk=pk).first()
    if record is None or not access_for(request.user).reads_agreement(record.agreement_id):
        raise Http404(_("No such import."))
    return render(
        request,
        "portfolio/import_detail.html",
        {"agreement": record.agreement, "record": record},
    )


def portfolio_export(request, slug: str, fmt: str):
    """The portfolio as the user sees it (same filters), as XLSX or CSV."""
    if fmt not in EXPORTS:
        raise Http404(_("No such format."))
    agreement = agreement_get(slug=slug)
    projects = selectors.project_list(
        agreement=agreement,
        user=request.user,
        filters=selectors.PortfolioFilter.from_query(request.GET),
    )
    if request.GET.get("esimerkit") != "1":
        projects = projects.filter(is_sample=False)
    writer, content_type = EXPORTS[fmt]
    buffer = io.BytesIO()
    writer(export_rows(projects), buffer)
    response = HttpResponse(buffer.getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="hankkeet-{agreement.slug}.{fmt}"'
    return response
