"""Benchmark of the project import, on a fresh embedded SQLite database (or DATABASE_URL).

1. the real 2,881-row EURA 2014 list (with its warts) into one agreement;
2. a generated 100,000-row EURA 2021 Excel export, with full validation;
3. the same 100,000-row file again, which must change nothing.

Each step prints rows, seconds and rows per second. Run with ``make benchmark``; pass a row
count to change the size of the generated file (``make benchmark ROWS=20000``).
"""

import io
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    workdir = Path(tempfile.mkdtemp(prefix="ekosopimus-benchmark-"))
    os.environ["EKOSOPIMUS_DATA_DIR"] = str(workdir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekosopimus.settings.development")
    import django

    django.setup()
    import eura2021
    from django.core.management import call_command
    from django.db import connection

    from ekosopimus.agreements.selectors import agreement_get
    from ekosopimus.agreements.services import agreements_load_bundled
    from ekosopimus.portfolio.services import projects_import

    call_command("migrate", verbosity=0)
    agreements_load_bundled()
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
    for label, path, slug in steps:
        data = path.read_bytes()
        started = time.perf_counter()
        result = projects_import(
            agreement=agreement_get(slug=slug),
            stream=io.BytesIO(data),
            filename=path.name,
            by=None,
        )
        seconds = time.perf_counter() - started
        print(
            f"{label:30} {result.rows:>7,} rows in {seconds:6.2f} s = "
            f"{result.rows / seconds:>8,.0f} rows/s "
            f"({result.created:,} new, {result.updated:,} updated, "
            f"{result.unchanged:,} unchanged, {len(result.warnings):,} warnings)"
        )


if __name__ == "__main__":
    main()
