"""Statistics that tell PostgreSQL how few groups the portfolio's breakdowns have.

The planner guesses the number of groups of a GROUP BY by multiplying each column's distinct
values: for a situation picture's budget lines it guessed 86,000 groups where there are 60, and
sorted 300,000 rows instead of summing them in a small hash table (600–630 ms rather than
280–290 ms at 100,000 projects, measured alternately with and without the statistics).
Statistics of the columns together give it the real count.

Likewise it took the share of projects of the 2021–2027 period to be the same in every
agreement, guessed 7,600 counted projects in Kuopio where there are 60 among 22,000 of earlier
periods, and read all 343,000 budget lines instead of the 120 of those projects (51 ms rather
than 8 ms). Statistics of the most common combinations of the columns give it the real share.

SQLite has no planner statistics of this kind, so nothing is done there.
"""

from django.db import migrations

CREATE = [
    """CREATE STATISTICS IF NOT EXISTS project_counted (mcv) ON agreement_id, programme_period,
    is_sample FROM portfolio_project""",
    """CREATE STATISTICS IF NOT EXISTS project_breakdown (ndistinct) ON agreement_id, status,
    action_group_id, action_plan_item_id, ((EXTRACT(YEAR FROM start_date))::integer)
    FROM portfolio_project""",
    """CREATE STATISTICS IF NOT EXISTS budget_line_kind (ndistinct) ON source, instrument
    FROM portfolio_budgetline""",
    "ANALYZE portfolio_project",
    "ANALYZE portfolio_budgetline",
]
DROP = [
    "DROP STATISTICS IF EXISTS project_counted",
    "DROP STATISTICS IF EXISTS project_breakdown",
    "DROP STATISTICS IF EXISTS budget_line_kind",
]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0008_agenda_item_assessment"),
    ]

    operations = [
        migrations.RunPython(_run(CREATE), _run(DROP), elidable=False),
    ]
