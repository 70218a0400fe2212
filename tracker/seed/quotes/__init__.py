"""The seed article's quotes, in the order of the article, one module per run of its
paragraphs.

The editorial rules are in tracker/seed/records.py.
"""

from tracker.seed.quotes import paragraphs_2_to_8, paragraphs_10_to_19

# In the order of the article. Each quote: key (fixed), speaker (slug), role (title of the
# role held on said_on, or None), nation spoken for (code or None), kind, text, context,
# when it was said (said_on, its precision, said_on_latest for a range, and the note on how the
# date was inferred), source (key), its attribution chain before the source as the article
# states it ((relation, "source", key) links), its verification level, stance (value on TOPIC),
# event (slug or None), the figures it commits and any edits the article made to the words (each
# with the explanation readers see).
QUOTES = [*paragraphs_2_to_8.QUOTES, *paragraphs_10_to_19.QUOTES]
