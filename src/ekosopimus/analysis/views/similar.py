"""Similar projects: to an idea typed in, and to a stored project."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ekosopimus.portfolio.selectors import project_get_for_user

from ..forms import SimilarForm
from ..similar import Draft, draft_of, similar_projects


@login_required
def similar_search(request):
    """Type an idea, see the projects that already do something like it."""
    form = SimilarForm(request.GET or None)
    matches = None
    if form.is_valid():
        draft = Draft(text=form.cleaned_data["teksti"], agreement=form.cleaned_data["sopimus"])
        matches = similar_projects(draft=draft, user=request.user)
    return render(request, "analysis/similar.html", {"form": form, "matches": matches})


def project_similar(request, pk: int):
    """The projects most like one project, with why each matched."""
    project = project_get_for_user(pk=pk, user=request.user)
    matches = similar_projects(draft=draft_of(project), user=request.user)
    return render(
        request, "analysis/project_similar.html", {"project": project, "matches": matches}
    )
