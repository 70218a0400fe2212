"""An invented archive for benchmarks and demos, made from word lists and a seed.

vocabulary.py reads the words (bench/data), sizes.py says how big and how skewed an archive
is, generator.py makes its records in order and quotes.py the quotes among them, with their
translations and attribution links; the `generate_archive` command writes them to the database.
"""

from bench.generation.generator import SOURCE_COLUMNS, ArchiveGenerator
from bench.generation.quotes import LINK_COLUMNS, QUOTE_COLUMNS, TRANSLATION_COLUMNS
from bench.generation.sizes import FULL_SIZE, Counts, scaled_counts

__all__ = [
    "FULL_SIZE",
    "LINK_COLUMNS",
    "QUOTE_COLUMNS",
    "SOURCE_COLUMNS",
    "TRANSLATION_COLUMNS",
    "ArchiveGenerator",
    "Counts",
    "scaled_counts",
]
