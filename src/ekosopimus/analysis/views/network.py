"""The collaboration network, of one agreement and of all."""

from django.shortcuts import render

from ekosopimus.agreements.selectors import agreement_get

from ..network import collaboration_network


def network(request, slug: str | None = None):
    """Built from the projects the reader may see: the public see granted projects only."""
    agreement = agreement_get(slug=slug) if slug else None
    return render(
        request,
        "analysis/network.html",
        {
            "agreement": agreement,
            "network": collaboration_network(user=request.user, agreement=agreement),
        },
    )
