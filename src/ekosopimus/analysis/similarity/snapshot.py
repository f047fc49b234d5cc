"""The similarity index kept in the file storage that every web and worker process shares.

A worker builds the index of every project (``tasks.similarity_index``) and saves it here;
a process that starts loads the newest copy and brings it up to date from the projects'
history instead of building it again (21 s for 100,000 projects). A copy is named after the
last history record it includes, and that record's time: a copy whose record the database
does not hold as such (another database, restored from a backup) is never used.
"""

import io
import re
from dataclasses import dataclass

import numpy as np
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer

from .index import DTYPE, SimilarityIndex
from .text import terms

FOLDER = "similarity"
NAME = re.compile(r"^index-(\d{12})-(\d+)\.npz$")
# The newest copies kept: an older one may still be being read by a process that started.
KEPT = 2


@dataclass(frozen=True)
class Stamp:
    """The last history record an index includes: its id and its time (µs since 1970)."""

    history_id: int
    micros: int

    @property
    def name(self) -> str:
        return f"{FOLDER}/index-{self.history_id:012d}-{self.micros}.npz"


def snapshot_stamps() -> list[Stamp]:
    """The saved copies, newest first."""
    if not default_storage.exists(FOLDER):
        return []
    _dirs, files = default_storage.listdir(FOLDER)
    found = [NAME.match(name) for name in files]
    stamps = [Stamp(int(m.group(1)), int(m.group(2))) for m in found if m]
    return sorted(stamps, key=lambda stamp: stamp.history_id, reverse=True)


def snapshot_save(index: SimilarityIndex, stamp: Stamp) -> None:
    """Save ``index`` as the copy of ``stamp``, and forget all but the newest copies."""
    matrix = index.matrix.tocsr()
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        keys=np.asarray(index.keys, dtype=np.int64),
        terms=np.asarray(index.term_names, dtype=str),
        idf=index.vectorizer.idf_.astype(np.float64),
        data=matrix.data,
        indices=matrix.indices,
        indptr=matrix.indptr,
        shape=np.asarray(matrix.shape, dtype=np.int64),
    )
    if default_storage.exists(stamp.name):
        default_storage.delete(stamp.name)
    default_storage.save(stamp.name, ContentFile(buffer.getvalue()))
    for old in snapshot_stamps()[KEPT:]:
        default_storage.delete(old.name)


def snapshot_load(stamp: Stamp) -> SimilarityIndex | None:
    """The index saved as ``stamp``, or None when the copy is gone or cannot be read."""
    try:
        with default_storage.open(stamp.name, "rb") as stream:
            saved = np.load(io.BytesIO(stream.read()), allow_pickle=False)
            term_names = saved["terms"]
            vectorizer = TfidfVectorizer(
                analyzer=terms,
                sublinear_tf=True,
                dtype=DTYPE,
                norm=None,
                vocabulary={str(term): column for column, term in enumerate(term_names)},
            )
            vectorizer.idf_ = saved["idf"]
            matrix = sparse.csr_matrix(
                (saved["data"], saved["indices"], saved["indptr"]), shape=tuple(saved["shape"])
            )
            return SimilarityIndex(vectorizer, saved["keys"].tolist(), matrix)
    except (OSError, ValueError, KeyError):
        return None
