from django.urls import path

from .views import gaps, network, overlap_review, overlaps, similar

app_name = "analysis"

urlpatterns = [
    path("samankaltaiset/", similar.similar_search, name="similar"),
    path("hanke/<int:pk>/samankaltaiset/", similar.project_similar, name="project_similar"),
    path("verkosto/", network.network, name="network_national"),
    path("<slug:slug>/paallekkaisyydet/", overlaps.overlaps, name="overlaps"),
    path(
        "<slug:slug>/paallekkaisyydet.<str:fmt>",
        overlaps.overlaps_export,
        name="overlaps_export",
    ),
    path(
        "<slug:slug>/paallekkaisyydet/<int:first>-<int:second>/",
        overlap_review.overlap_review,
        name="overlap_review",
    ),
    path(
        "<slug:slug>/paallekkaisyydet/<int:first>-<int:second>/peru/",
        overlap_review.overlap_review_withdraw,
        name="overlap_review_withdraw",
    ),
    path("<slug:slug>/aukot/", gaps.gaps, name="gaps"),
    path("<slug:slug>/aukot/aihio/", gaps.gap_to_idea, name="gap_to_idea"),
    path("<slug:slug>/verkosto/", network.network, name="network"),
]
