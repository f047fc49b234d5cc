"""A TF-IDF index of texts: the closest texts to a new one, and every close pair.

Each text becomes a vector of its terms (``text.terms``), weighted by how rare each term is
across all the texts (TF-IDF with sublinear term frequency) and scaled to unit length, so that
the dot product of two vectors is their cosine similarity: 0 for texts with nothing in common,
1 for the same words. The index keeps the vectors twice, by text and by term, so that a query
touches only the texts that share a term with it.

Nothing here reads the database; ``corpus`` feeds it.
"""

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

from .text import terms

# Character n-grams of compounds count for less than whole lemmas: they catch "terveysdata"
# in "terveysdatan" but also join unrelated words that happen to share five letters.
NGRAM_WEIGHT = 0.5
DTYPE = np.float32
# The share of the threshold that a vector's common terms may reach and still be left out of
# the pair search's product; measured best of 0.3, 0.5, 0.8 and 0.95 on 20,000 projects.
PREFIX_SHARE = 0.5
# Single-precision sums of the same products in another order differ in the last digits.
ROUNDING = 1e-5


@dataclass(frozen=True)
class Match:
    key: Hashable
    score: float


def _ngram_columns(names) -> np.ndarray:
    return np.fromiter((name.startswith("#") for name in names), dtype=bool, count=len(names))


def _weigh(raw, ngrams: np.ndarray):
    """Scale the n-gram columns down, then every row to unit length."""
    if raw.shape[0] == 0:
        return sparse.csr_matrix(raw.shape, dtype=DTYPE)
    weights = np.where(ngrams, NGRAM_WEIGHT, 1.0).astype(DTYPE)
    return normalize(raw @ sparse.diags(weights), norm="l2", copy=False).astype(DTYPE)


class SimilarityIndex:
    """Vectors of texts, by key, with the vocabulary and weights they were built with."""

    def __init__(self, vectorizer: TfidfVectorizer, keys: Sequence[Hashable], matrix):
        self.vectorizer = vectorizer
        self.keys = list(keys)
        self.rows = {key: row for row, key in enumerate(self.keys)}
        self.matrix = matrix.tocsr()
        self.by_term = self.matrix.T.tocsr()
        self.term_names = vectorizer.get_feature_names_out()
        self._ngram_columns = _ngram_columns(self.term_names)

    # Building ------------------------------------------------------------------------------

    @classmethod
    def build(cls, documents: Iterable[tuple[Hashable, str]]) -> "SimilarityIndex":
        """An index of ``(key, text)`` pairs; the texts' own terms make the vocabulary."""
        keys, texts = [], []
        for key, text in documents:
            keys.append(key)
            texts.append(text)
        vectorizer = TfidfVectorizer(
            analyzer=terms, sublinear_tf=True, dtype=DTYPE, norm=None, min_df=1
        )
        if texts:
            raw = vectorizer.fit_transform(texts)
        else:  # an empty portfolio still answers, with nothing
            vectorizer.fit(["tyhjä"])
            raw = sparse.csr_matrix((0, len(vectorizer.vocabulary_)), dtype=DTYPE)
        ngrams = _ngram_columns(vectorizer.get_feature_names_out())
        return cls(vectorizer, keys, _weigh(raw, ngrams))

    def vectors(self, texts: Sequence[str]):
        """Vectors of new texts in this index's vocabulary; terms it has not seen are dropped."""
        if not texts:
            return sparse.csr_matrix((0, len(self.term_names)), dtype=DTYPE)
        return _weigh(self.vectorizer.transform(list(texts)), self._ngram_columns)

    def replaced(
        self, changed: dict[Hashable, str], removed: Iterable[Hashable] = ()
    ) -> "SimilarityIndex":
        """A copy in which ``changed`` texts are added or replace their old vectors, and
        ``removed`` keys are gone. The vocabulary and weights stay as built: a word first
        seen in a changed text counts only after the next full build."""
        dropped = set(changed) | set(removed)
        kept_rows = [row for row, key in enumerate(self.keys) if key not in dropped]
        kept_keys = [self.keys[row] for row in kept_rows]
        new_keys = list(changed)
        matrix = sparse.vstack(
            [self.matrix[kept_rows], self.vectors([changed[key] for key in new_keys])],
            format="csr",
        )
        return SimilarityIndex(self.vectorizer, kept_keys + new_keys, matrix)

    def subset(self, keys: Iterable[Hashable]) -> "SimilarityIndex":
        """An index of only ``keys``' texts, with this index's vocabulary and weights."""
        rows = [self.rows[key] for key in keys if key in self.rows]
        return SimilarityIndex(self.vectorizer, [self.keys[row] for row in rows], self.matrix[rows])

    def __len__(self) -> int:
        return len(self.keys)

    # Reading -------------------------------------------------------------------------------

    def scores(self, vector) -> tuple[np.ndarray, np.ndarray]:
        """Rows that share a term with ``vector`` (1 × terms) and their cosine similarity."""
        found = (vector @ self.by_term).tocsr()
        return found.indices, found.data

    def closest(
        self, vector, *, limit: int, exclude: Iterable[Hashable] = (), floor: float = 0.0
    ) -> list[Match]:
        """The ``limit`` closest texts to ``vector``, best first, above ``floor``."""
        rows, values = self.scores(vector)
        skip = {self.rows[key] for key in exclude if key in self.rows}
        if skip:
            keep = ~np.isin(rows, list(skip))
            rows, values = rows[keep], values[keep]
        keep = values > floor
        rows, values = rows[keep], values[keep]
        if len(values) > limit:
            top = np.argpartition(-values, limit - 1)[:limit]
            rows, values = rows[top], values[top]
        order = np.lexsort((rows, -values))  # ties in the order the texts were indexed
        return [Match(self.keys[rows[i]], float(values[i])) for i in order]

    def shared_terms(self, vector, key: Hashable, limit: int = 6) -> list[str]:
        """The whole words that add most to ``vector``'s similarity with ``key``'s text."""
        # Read from the arrays behind both rows: slicing a sparse matrix per match costs more
        # than the rest of a search.
        columns, weights = self._row(self.rows[key])
        vector = vector.tocsr()
        common, mine, theirs = np.intersect1d(
            vector.indices, columns, assume_unique=True, return_indices=True
        )
        values = vector.data[mine] * weights[theirs]
        words = ~self._ngram_columns[common]
        common, values = common[words], values[words]
        order = np.argsort(-values, kind="stable")[:limit]
        return [str(self.term_names[common[i]]) for i in order if values[i] > 0]

    def _row(self, row: int) -> tuple[np.ndarray, np.ndarray]:
        start, end = self.matrix.indptr[row], self.matrix.indptr[row + 1]
        return self.matrix.indices[start:end], self.matrix.data[start:end]

    def vector_of(self, key: Hashable):
        return self.matrix[self.rows[key]]

    def pairs(
        self, *, threshold: float, keys: Iterable[Hashable] | None = None, chunk: int = 2000
    ) -> list[tuple[Hashable, Hashable, float]]:
        """Every pair of texts at least ``threshold`` alike, each pair once, best first.

        With ``keys``, only pairs of which one text is one of them.

        Multiplying every vector with every other touches, for each shared term, every pair
        of texts that use it: common words make that most of the work while deciding few
        pairs. So each vector is split (the all-pairs search of Bayardo, Ma and Srikant,
        2007): its most common terms, as long as they could add less than half the threshold
        even against the text that weighs them most, form a prefix; the rest, its suffix,
        goes into the product. A pair at or above the threshold must share a term in the
        suffix, so it is found; its similarity is then computed in full. The result is the
        same as the full product's.
        """
        n = len(self.keys)
        if n == 0:
            return []
        if keys is None:
            rows = np.arange(n)
        else:
            rows = np.array(sorted(self.rows[key] for key in keys if key in self.rows), dtype=int)
        chosen = np.zeros(n, dtype=bool)
        chosen[rows] = True
        matrix, suffix, bound = _split_for_pairs(self.matrix, threshold * PREFIX_SHARE)
        by_term = matrix.T.tocsr()
        lefts, rights, scores = [], [], []
        for start in range(0, len(rows), chunk):
            block = rows[start : start + chunk]
            partial = (suffix[block] @ by_term).tocoo()
            left, right = block[partial.row], partial.col
            # Each pair once: of two chosen texts only in index order, since the other order
            # finds it too; a chosen text with an unchosen one always.
            keep = (left != right) & ((left < right) | ~chosen[right])
            keep &= partial.data + bound[left] >= threshold - ROUNDING
            left, right = left[keep], right[keep]
            if not len(left):
                continue
            exact = np.asarray(matrix[left].multiply(matrix[right]).sum(axis=1)).ravel()
            keep = exact >= threshold
            lefts.append(left[keep])
            rights.append(right[keep])
            scores.append(exact[keep])
        if not scores:
            return []
        # A portfolio of alike texts has hundreds of thousands of pairs: they are ordered and
        # named in arrays, not one by one.
        score = np.concatenate(scores)
        order = np.argsort(-score, kind="stable")
        names = np.fromiter(self.keys, dtype=object, count=n)
        return list(
            zip(
                names[np.concatenate(lefts)[order]].tolist(),
                names[np.concatenate(rights)[order]].tolist(),
                score[order].tolist(),
                strict=True,
            )
        )


def _split_for_pairs(matrix, prefix_bound: float):
    """The matrix with its columns from the most common term to the rarest, its suffix part,
    and per row the most its prefix can add to any similarity."""
    counts = np.diff(matrix.tocsc().indptr)
    ordered = matrix[:, np.argsort(-counts, kind="stable")].tocsr()
    ordered.sort_indices()
    heaviest = ordered.max(axis=0).toarray().ravel()
    reach = ordered.data.astype(np.float64) * heaviest[ordered.indices]
    lengths = np.diff(ordered.indptr)
    running = np.cumsum(reach)
    # The running sum within each row: subtract what the rows before it added.
    row_starts = np.concatenate(([0.0], running))[np.repeat(ordered.indptr[:-1], lengths)]
    within = running - row_starts
    prefix = within < prefix_bound
    bound = np.zeros(ordered.shape[0])
    np.maximum.at(bound, np.repeat(np.arange(ordered.shape[0]), lengths)[prefix], within[prefix])
    suffix = ordered.copy()
    suffix.data[prefix] = 0
    suffix.eliminate_zeros()
    return ordered, suffix, bound
