"""The indicative 40 % local / 60 % EU + State split over the whole portfolio."""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ekosopimus.agreements.models import AgreementVersion, Instrument
from ekosopimus.lib.formatting import format_eur, format_percent

from ..models import FundingSource
from .facts import STATES, ZERO
from .result import Figure, RuleResult, RuleStatus, Table, worst
from .sums import LineSum, PortfolioSums, line_sums

# The split is indicative: a local share this many points under its target is at risk
# rather than broken, because one large decision can swing it while the portfolio is young.
TOLERANCE = Decimal(5)

STATE_LABELS = {
    "planned": gettext_lazy("Planned"),
    "granted": gettext_lazy("Granted"),
    "paid": gettext_lazy("Paid"),
}
OF_STATE = {
    "planned": gettext_lazy("of the planned money"),
    "granted": gettext_lazy("of the granted money"),
    "paid": gettext_lazy("of the paid money"),
}


def _share(part: Decimal, whole: Decimal) -> Decimal:
    return (part * 100 / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _status(state: str, share: Decimal, target: Decimal) -> RuleStatus:
    if share >= target:
        return RuleStatus.HOLDS
    # Planned money can still be changed before anything is decided.
    if state == "planned" or share >= target - TOLERANCE:
        return RuleStatus.AT_RISK
    return RuleStatus.BROKEN


def split_rule(
    *,
    version: AgreementVersion,
    sums: PortfolioSums,
    akke_only: bool = False,
) -> RuleResult | None:
    """The split by planned, granted and paid money, with the headroom left per source.

    With ``akke_only`` the same split is checked over the projects funded with AKKE money,
    where the agreement says the split applies to the start-up funding too.
    """
    local_target, eu_target = version.local_share_percent, version.eu_state_share_percent
    if local_target is None or eu_target is None or not local_target or not eu_target:
        return None
    if akke_only:
        # Projects with AKKE money are among those read one by one.
        akke = [p for p in sums.notable if Instrument.AKKE in p.instruments()]
        lines, counted = line_sums(akke), len(akke)
    else:
        lines, counted = sums.money.lines, sums.money.project_count

    rows, figures, statuses, checked = [], [], {}, {}
    for state in STATES:
        local = sum((line.amount(state) for line in lines if line.is_local), ZERO)
        eu_state = sum((line.amount(state) for line in lines if not line.is_local), ZERO)
        if not local + eu_state:
            continue
        share = _share(local, local + eu_state)
        headroom = local * eu_target / local_target - eu_state
        needed = max(eu_state * local_target / eu_target - local, ZERO)
        statuses[state] = _status(state, share, local_target)
        checked[state] = (share, headroom, needed)
        label = STATE_LABELS[state]
        rows.append(
            [
                Figure("", str(label), "text"),
                Figure("", local),
                Figure("", eu_state),
                Figure("", share, "percent"),
                Figure("", max(headroom, ZERO)),
                Figure("", needed),
            ]
        )
        name = _("Local share, %(state)s") % {"state": label.lower()}
        figures.append(Figure(name, share, "percent"))

    status = worst(statuses.values())
    key, title = (
        ("split_akke", _("The split in AKKE start-up funding"))
        if akke_only
        else ("split", _("The split of local and EU + State money"))
    )
    result = RuleResult(
        key=key,
        title=title,
        status=status,
        sentence=_sentence(status, statuses, checked, local_target, akke_only),
        source=version.split_sentence,
        figures=[
            Figure(_("Local share at least"), local_target, "percent"),
            Figure(_("Projects counted"), counted, "count"),
            *figures,
        ],
        tables=[
            Table(
                caption=_("Money by state"),
                headers=[
                    _("Money"),
                    _("Local"),
                    _("EU and State"),
                    _("Local share"),
                    _("EU and State can still grow by"),
                    _("Local money missing"),
                ],
                rows=rows,
            ),
            _by_source(lines),
        ]
        if rows
        else [],
    )
    return result


def _sentence(status, statuses, checked, target, akke_only) -> str:
    if status == RuleStatus.NO_DATA:
        if akke_only:
            return _("No project has AKKE money recorded, so the AKKE split cannot be checked.")
        return _("No project has money recorded yet, so the split cannot be checked.")
    if status == RuleStatus.HOLDS:
        # The latest state with money is the one that tells most.
        state = next(s for s in reversed(STATES) if s in checked)
        share, headroom, _needed = checked[state]
        return _(
            "Local money is %(share)s %(of_state)s (at least %(target)s is agreed); EU and State "
            "money can still grow by %(headroom)s before the split is exceeded."
        ) % {
            "share": format_percent(share, 1),
            "of_state": OF_STATE[state],
            "target": format_percent(target),
            "headroom": format_eur(headroom),
        }
    state = next(s for s in reversed(STATES) if statuses.get(s) == status)
    share, _headroom, needed = checked[state]
    return _(
        "Local money is only %(share)s %(of_state)s, below the agreed %(target)s; "
        "%(needed)s more local money would restore the split."
    ) % {
        "share": format_percent(share, 1),
        "of_state": OF_STATE[state],
        "target": format_percent(target),
        "needed": format_eur(needed),
    }


def _by_source(lines: list[LineSum]) -> Table:
    """Each source's planned, granted and paid money; EU + State is split by instrument."""
    sums: dict[tuple[str, str], list[Decimal]] = {}
    for line in lines:
        amounts = sums.setdefault((line.source, line.instrument), [ZERO, ZERO, ZERO])
        for index, state in enumerate(STATES):
            amounts[index] += line.amount(state)
    order = {value: index for index, value in enumerate(FundingSource.values)}
    rows = []
    for (source, instrument), amounts in sorted(
        sums.items(), key=lambda item: (order[item[0][0]], item[0][1])
    ):
        label = str(FundingSource(source).label)
        if instrument:
            label = f"{label} ({Instrument(instrument).label})"
        rows.append([Figure("", label, "text"), *(Figure("", amount) for amount in amounts)])
    return Table(
        caption=_("Money by source"),
        headers=[_("Source"), *(str(STATE_LABELS[s]) for s in STATES)],
        rows=rows,
    )
