"""Benchmark of the project import, on a fresh embedded SQLite database (or DATABASE_URL).

1. the real 2,881-row EURA 2014 list (with its warts) into one agreement;
2. a generated 100,000-row EURA 2021 Excel export, with full validation;
3. the same 100,000-row file again, which must change nothing.

Each step prints rows, seconds, rows per second and the process's CPU seconds. On SQLite the
three steps run ``RUNS`` times (default 3), each time on a copy of the database as it was
before the first import, and the median of each step is printed last: one run says little on
a machine whose speed varies from minute to minute. Run with ``make benchmark``; pass a row
count to change the size of the generated file (``make benchmark ROWS=20000``).
"""

import io
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

from fresh_database import fresh_database

HERE = Path(__file__).resolve().parent


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    workdir = fresh_database()
    import eura2021
    from django.db import connection

    from ekosopimus.agreements.selectors import agreement_get
    from ekosopimus.portfolio.services import projects_import

    runs = int(os.environ.get("RUNS", "3")) if connection.vendor == "sqlite" else 1
    print(f"database: {connection.vendor}; working folder {workdir}")
    started = time.perf_counter()
    generated = eura2021.write(workdir / "eura2021.xlsx", rows)
    print(
        f"generated {generated.name}: {rows:,} rows, "
        f"{generated.stat().st_size / 1e6:.1f} MB in {time.perf_counter() - started:.1f} s"
    )
    real = HERE.parent / "src/ekosopimus/portfolio/tests/data/eura2014_projects_2016.csv"
    steps = [
        ("EURA 2014 list (real)", real, "kuopio"),
        ("EURA 2021 export (generated)", generated, "helsinki-espoo-vantaa"),
        ("EURA 2021 export again", generated, "helsinki-espoo-vantaa"),
    ]
    database = Path(connection.settings_dict["NAME"])
    prepared = workdir / "prepared.sqlite3"
    if runs > 1:
        connection.close()
        shutil.copyfile(database, prepared)
    times: dict[str, list[float]] = {label: [] for label, _path, _slug in steps}
    for run in range(1, runs + 1):
        if run > 1:  # back to the database as it was before the first import
            connection.close()
            for leftover in database.parent.glob(database.name + "-*"):
                leftover.unlink()
            shutil.copyfile(prepared, database)
        for label, path, slug in steps:
            data = path.read_bytes()
            started, cpu = time.perf_counter(), time.process_time()
            result = projects_import(
                agreement=agreement_get(slug=slug),
                stream=io.BytesIO(data),
                filename=path.name,
                by=None,
            )
            seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
            times[label].append(seconds)
            print(
                f"run {run}: {label:30} {result.rows:>7,} rows in {seconds:6.2f} s = "
                f"{result.rows / seconds:>8,.0f} rows/s, CPU {cpu:.2f} s "
                f"({result.created:,} new, {result.updated:,} updated, "
                f"{result.unchanged:,} unchanged, {len(result.warnings):,} warnings)"
            )
    if runs > 1:
        for label, seconds in times.items():
            print(
                f"median of {runs}: {label:30} {statistics.median(seconds):6.2f} s "
                f"(fastest {min(seconds):.2f}, slowest {max(seconds):.2f})"
            )


if __name__ == "__main__":
    main()
