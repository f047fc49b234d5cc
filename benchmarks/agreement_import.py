"""Accuracy of reading an agreement from its document, against the curated register data.

For both seed agreements, read (1) the seed text and (2) the seed laid out anew as a PDF by
WeasyPrint, and print precision and recall per element type, with the time each read took.
An element counts only when it matches the curated data exactly (spaces, letter case and a
final full stop aside). Run with ``make benchmark-agreements``.
"""

import os
import time


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ekosopimus.settings.development")
    import django

    django.setup()
    import yaml

    from ekosopimus.agreements.data_files import BUNDLED_DATA_DIR
    from ekosopimus.agreements.documents import extract_lines, recognise_agreement
    from ekosopimus.agreements.documents.accuracy import ELEMENT_TYPES, compare
    from ekosopimus.agreements.tests.layout import SOURCES, seed_pdf

    totals = {kind: [0, 0, 0] for kind in ELEMENT_TYPES}
    for slug in ("kuopio", "helsinki-espoo-vantaa"):
        curated = yaml.safe_load((BUNDLED_DATA_DIR / f"{slug}.yaml").read_text(encoding="utf-8"))
        for form, content in (
            ("text", (SOURCES / f"{slug}.txt").read_bytes()),
            ("pdf", seed_pdf(slug)),
        ):
            started = time.perf_counter()
            lines = extract_lines(content, filename=f"{slug}.{form}")
            draft = recognise_agreement(lines)
            seconds = time.perf_counter() - started
            pages = max(line.page for line in lines)
            print(f"\n{slug} ({form}{f', {pages} pages' if pages else ''}): {seconds:.2f} s")
            print(
                f"  {'element':<22}{'expected':>9}{'found':>7}{'right':>7}{'precision':>10}"
                f"{'recall':>8}"
            )
            for kind, score in compare(draft.data, curated).items():
                for i, value in enumerate((score.correct, score.wrong, score.missed)):
                    totals[kind][i] += value
                print(_row(kind, score.correct, score.wrong, score.missed))
    print("\nAll four reads together:")
    for kind, (correct, wrong, missed) in totals.items():
        print(_row(kind, correct, wrong, missed))


def _row(kind: str, correct: int, wrong: int, missed: int) -> str:
    expected, found = correct + missed, correct + wrong
    precision = f"{correct / found:.3f}" if found else "–"
    recall = f"{correct / expected:.3f}" if expected else "–"
    return f"  {kind:<22}{expected:>9}{found:>7}{correct:>7}{precision:>10}{recall:>8}"


if __name__ == "__main__":
    main()
