"""Function words of Finnish, Swedish and English (``data/stopwords.yaml``)."""

from pathlib import Path

import yaml

_DATA = Path(__file__).resolve().parent.parent / "data" / "stopwords.yaml"
BY_LANGUAGE: dict[str, frozenset[str]] = {
    language: frozenset(words.split())
    for language, words in yaml.safe_load(_DATA.read_text(encoding="utf-8")).items()
}
ALL = frozenset().union(*BY_LANGUAGE.values())
