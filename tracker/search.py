"""Searching quotes: words as typed into a search engine, matched, ranked and highlighted, and
the search text kept up to date when anything it holds changes.

A quote's search text holds its words, its translations and context, and the names around it:
the speaker's name and aliases (records of their own), the role's title, the nation's name and the outlet's name. On
PostgreSQL a trigger (migration 0003) turns it into a GIN-indexed search vector, with English
stemming over unaccented words; on SQLite the folded text is searched as it is.
"""

import json
import re
import unicodedata
from difflib import SequenceMatcher

from django.apps import apps
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
)
from django.db import connections, models, router
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

# The PostgreSQL text search configuration made in migration 0003: English stemming on
# unaccented words, so that "Jose" finds "José" and "troop" finds "troops".
SEARCH_CONFIG = "tracker_search"
# Below this many matches a search fetches its rows by id.
SMALL_RESULT = 2000
# From this many matches by the planner's estimate, a search is not probed (see matching()).
COMMON_MATCHES = 10 * SMALL_RESULT
# Relevance ranks the newest matches only: ranking every match of a very common word would
# sort hundreds of thousands of rows for one page.
RELEVANCE_WINDOW = 1000
# Marks around matched words in snippets; the template escapes the text, then makes them <mark>.
HIGHLIGHT_START, HIGHLIGHT_STOP = "\x02", "\x03"

# What a quote's search text holds of other records: for each, how a quote reaches it and
# which of its fields. A change to one of those fields refreshes the text of its quotes.
NAMES = {
    "speaker": ("speaker", ["name"]),
    "role": ("role", ["title"]),
    "nation": ("nation", ["name"]),
    "outlet": ("source__outlet", ["name"]),
    "source": ("source", ["outlet_id"]),
}


def fold(text):
    """Lower case without accents, for the plain search that SQLite runs."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


# A term as typed: a run of dashes, then a "phrase" (its closing mark may be missing) or a word.
TERM = re.compile(r'(-*)(?:"([^"]*)"?|([^\s"]+))')


def terms(query):
    """Words as typed into a search engine, as (words, is_excluded) pairs: "a phrase" or a
    word, excluded by any number of dashes before it. Dashes and quote marks alone are not
    terms; OR between two terms is kept as a term of its own, ("or", None)."""
    found = []
    for match in TERM.finditer(query):
        dashes, phrase, word = match.groups()
        words = phrase if word is None else word
        if word and not dashes and word.lower() == "or":
            found.append(("or", None))
        elif words.strip("-").strip():
            found.append((words, bool(dashes)))
    return found


def parse_search(query):
    """Split words as typed into a search engine into alternatives, which OR separates: each
    a list of words and "phrases" wanted and a list of -excluded ones, folded."""
    alternatives = [([], [])]
    for words, is_excluded in terms(query):
        if is_excluded is None:
            alternatives.append(([], []))
        else:
            alternatives[-1][1 if is_excluded else 0].append(fold(words))
    return [alternative for alternative in alternatives if alternative != ([], [])]


def websearch_text(query):
    """The words of `query` for PostgreSQL's websearch_to_tsquery, each term in quote marks.

    Read as typed, each dash before a word is a NOT, and PostgreSQL's query parser holds at
    most 32 operators waiting for their word: 33 dashes (or "!-!-...", since it skips "!")
    fail the whole query with "tsquery stack too small". Inside quote marks it reads no
    operator at all, so each term is given quoted, with one dash at most; OR stays OR.
    """
    parts = []
    # PostgreSQL's text holds no NUL byte: one typed into a search is no word.
    for words, is_excluded in terms(query.replace("\x00", "")):
        if is_excluded is None:
            parts.append("or")
        else:
            parts.append(f'{"-" if is_excluded else ""}"{words}"')
    return " ".join(parts)


def search_query(query):
    return SearchQuery(websearch_text(query), search_type="websearch", config=SEARCH_CONFIG)


def search_text_of(quote):
    """Everything a reader may search a quote for, folded."""
    # A quote not saved yet has no translations; the speaker's aliases and the quote's
    # translations are read with it when prefetched (refresh_search_text).
    translations = [t.text for t in quote.translations.all()] if quote.pk else []
    parts = [
        quote.speaker.name,
        *quote.speaker.alias_names(),
        quote.role.title if quote.role_id else "",
        quote.nation.name if quote.nation_id else "",
        quote.source.outlet.name if quote.source_id else "",
        quote.text,
        *translations,
        quote.context,
    ]
    return fold("\n".join(part for part in parts if part))


def searched_values(record):
    """The stored values of what quotes' search text holds of `record`, before it is saved."""
    names = NAMES.get(record._meta.model_name)
    if names is None or record._state.adding or record.pk is None:
        return None
    return type(record)._default_manager.filter(pk=record.pk).values(*names[1]).first()


def refresh_if_changed(record, before):
    """After `record` was saved: refresh its quotes' search text if a name they hold changed,
    and only then (saving a speaker's description rewrites no quote)."""
    if before is None:
        return
    path, fields = NAMES[record._meta.model_name]
    if any(getattr(record, field) != before[field] for field in fields):
        quote_model = apps.get_model("tracker", "Quote")
        refresh_search_text(quote_model._default_manager.filter(**{path: record}))


def refresh_search_text(quotes, batch_size=1000):
    rows = (
        quotes.select_related("speaker", "role", "nation", "source__outlet")
        .prefetch_related("speaker__aliases", "translations")
        .order_by("pk")
    )
    batch = []
    for quote in rows.iterator(chunk_size=batch_size):
        quote.search_text = search_text_of(quote)
        batch.append(quote)
        if len(batch) == batch_size:
            quotes.model._default_manager.bulk_update(batch, ["search_text"])
            batch = []
    if batch:
        quotes.model._default_manager.bulk_update(batch, ["search_text"])


# How alike two quotes' words must be (0 to 1) to be taken for the same statement: pg_trgm's
# similarity on PostgreSQL, difflib's ratio of the folded words on SQLite.
SAME_WORDS = 0.6


def with_words_like(quotes, text):
    """The `quotes` whose words are `text`, or nearly (a comma, a word or two apart), each
    with its `likeness`, most alike first: to warn an editor about to enter them twice."""
    if is_postgresql(quotes):
        return (
            quotes.annotate(likeness=TrigramSimilarity("text", text))
            .filter(likeness__gte=SAME_WORDS)
            .order_by("-likeness", "pk")
        )
    # SQLite has no trigrams: compared here, among the few quotes of one speaker.
    folded = fold(text)
    likeness = {
        pk: ratio
        for pk, words in quotes.values_list("pk", "text")
        if (ratio := SequenceMatcher(None, fold(words), folded).ratio()) >= SAME_WORDS
    }
    alike = models.Case(
        *(models.When(pk=pk, then=models.Value(ratio)) for pk, ratio in likeness.items()),
        default=models.Value(0.0),
        output_field=models.FloatField(),
    )
    return quotes.filter(pk__in=likeness).annotate(likeness=alike).order_by("-likeness", "pk")


def plan_of(queryset):
    """PostgreSQL's plan for a query, without running it: its top node, with the "Plan Rows"
    the planner expects and the "Total Cost" it expects to pay for them (in its units: one
    page read in sequence is 1)."""
    sql, params = queryset.query.sql_with_params()
    with connections[queryset.db].cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        (plan,) = cursor.fetchone()
    return (json.loads(plan) if isinstance(plan, str) else plan)[0]["Plan"]


def planned_rows(queryset):
    """How many rows PostgreSQL's planner expects a query to return, without running it."""
    return plan_of(queryset)["Plan Rows"]


def is_postgresql(queryset):
    return connections[queryset.db].vendor == "postgresql"


def matching(quotes, query):
    """The quotes that match words as typed into a search engine, of any status."""
    if is_postgresql(quotes):
        matches = quotes.filter(search_vector=search_query(query))
        # The planner cannot tell a rare word from a missing one: ordered by date, it may
        # walk the date index through every row looking for a match. A bounded probe
        # without order finds out first, and a small result is then fetched by id. A word the
        # planner's statistics know to be common needs no probe.
        unordered = matches.order_by().values_list("pk", flat=True)
        if planned_rows(unordered) >= COMMON_MATCHES:
            return matches
        probe = list(unordered[:SMALL_RESULT])
        return quotes.filter(pk__in=probe) if len(probe) < SMALL_RESULT else matches
    alternatives = parse_search(query)
    if not alternatives:
        return quotes.none()
    # As PostgreSQL reads them: "a b or c" is (a and b) or c.
    condition = Q()
    for wanted, excluded in alternatives:
        every = Q()
        for term in wanted:
            every &= Q(search_text__contains=term)
        for term in excluded:
            every &= ~Q(search_text__contains=term)
        condition |= every
    return quotes.filter(condition)


def ranked(quotes, query):
    """`quotes` matching `query`, each with a `rank`."""
    matches = matching(quotes, query)
    if is_postgresql(quotes):
        return matches.annotate(rank=SearchRank(F("search_vector"), search_query(query)))
    return matches.annotate(rank=models.Value(1.0))


# Where a search may find a quote, as a result names it: its words and context, and the names
# its search text holds. Its translations and its speaker's aliases are records of their own
# (RELATED_PASSAGES).
PASSAGES = {
    "text": _("the words"),
    "context": _("the context"),
    "speaker__name": _("the speaker's name"),
    "role__title": _("the role"),
    "nation__name": _("the nation"),
    "source__outlet__name": _("the outlet"),
}
# The records of their own a quote is searched by: for each passage, the model, how it reaches
# the quote's rows (a field of the quote) and what reaches them from it, and the text searched.
RELATED_PASSAGES = {
    "translation": ("Translation", "pk", "quote", "text"),
    "aliases": ("Alias", "speaker_id", "speaker", "name"),
}
PASSAGE_LABELS = {
    **PASSAGES,
    "translation": _("the translation"),
    "aliases": _("the speaker's other spellings"),
}


def find_passages(quotes, query):
    """Mark where `query` matched each of `quotes` (the rows of one page of results: never a
    whole list), for their cards: each gets `passages`, {field: the field's
    text with the matched words between HIGHLIGHT_START and HIGHLIGHT_STOP}, for the fields
    of PASSAGES that match. PostgreSQL highlights as it matched (stems, unaccented), in one
    query; elsewhere the words are found in the folded text, as SQLite's search finds them."""
    if not quotes or not query.strip():
        return
    model = type(quotes[0])
    database = router.db_for_read(model)
    if connections[database].vendor == "postgresql":
        words = search_query(query)
        headlines = {
            f"passage_{number}": SearchHeadline(
                field,
                words,
                config=SEARCH_CONFIG,
                start_sel=HIGHLIGHT_START,
                stop_sel=HIGHLIGHT_STOP,
                highlight_all=True,
            )
            for number, field in enumerate(PASSAGES)
        }
        rows = model.objects.using(database).filter(pk__in=[quote.pk for quote in quotes])
        found = {
            pk: dict(zip(PASSAGES, passages, strict=True))
            for pk, *passages in rows.annotate(**headlines).values_list("pk", *headlines)
        }
    else:
        # Every word any alternative wants is marked where it is found.
        wanted = [word for words, _excluded in parse_search(query) for word in words]
        found = {
            quote.pk: {field: highlighted(value_of(quote, field), wanted) for field in PASSAGES}
            for quote in quotes
        }
    for quote in quotes:
        quote.passages = {
            field: passage
            for field, passage in found.get(quote.pk, {}).items()
            if field in PASSAGES and passage and HIGHLIGHT_START in passage
        }
    find_related_passages(quotes, query, database)


def find_related_passages(quotes, query, database):
    """Mark where `query` matched the quotes' translations (each translation shown on a card
    gets its `passage`) and their speakers' aliases, as find_passages() marks their fields."""
    wanted = [word for words, _excluded in parse_search(query) for word in words]
    for passage, (model_name, quote_field, path, field) in RELATED_PASSAGES.items():
        model = apps.get_model("tracker", model_name)
        rows = model.objects.using(database).filter(
            **{f"{path}__in": {getattr(quote, quote_field) for quote in quotes}}
        )
        if connections[database].vendor == "postgresql":
            headline = SearchHeadline(
                field,
                search_query(query),
                config=SEARCH_CONFIG,
                start_sel=HIGHLIGHT_START,
                stop_sel=HIGHLIGHT_STOP,
                highlight_all=True,
            )
            rows = rows.annotate(passage=headline).values_list("pk", f"{path}_id", "passage")
        else:
            rows = [
                (pk, owner, highlighted(text, wanted))
                for pk, owner, text in rows.values_list("pk", f"{path}_id", field)
            ]
        marked = {pk: (owner, text) for pk, owner, text in rows if HIGHLIGHT_START in text}
        for quote in quotes:
            owner = getattr(quote, quote_field)
            found = [text for _pk, (of, text) in sorted(marked.items()) if of == owner]
            if found:
                quote.passages = {**quote.passages, passage: "; ".join(found)}
            if passage == "translation":
                for translation in quote.translations.all():
                    translation.passage = marked.get(translation.pk, (None, ""))[1]


def value_of(quote, path):
    """The value at `path` ("speaker__name") from a quote whose related rows are loaded."""
    value = quote
    for name in path.split("__"):
        value = getattr(value, name, None) if value is not None else None
    return value or ""


def highlighted(text, wanted):
    """`text` with each of the `wanted` words (folded, as parse_search() gives them) marked
    where its folded form holds them, whole words marked: "troop" marks "troops"."""
    if not text or not wanted:
        return text
    folded, origins = "", []
    for index, char in enumerate(text):
        part = fold(char)
        folded += part
        origins += [index] * len(part)
    spans = []
    for term in wanted:
        start = folded.find(term)
        while start != -1:
            first, last = origins[start], origins[start + len(term) - 1] + 1
            while first > 0 and text[first - 1].isalnum():
                first -= 1
            while last < len(text) and text[last].isalnum():
                last += 1
            spans.append((first, last))
            start = folded.find(term, start + 1)
    marked, end = [], 0
    for first, last in sorted(spans):
        if last <= end:
            continue
        first = max(first, end)
        marked += [text[end:first], HIGHLIGHT_START, text[first:last], HIGHLIGHT_STOP]
        end = last
    return "".join([*marked, text[end:]])


def by_relevance(matches):
    """Best matches first, among the newest RELEVANCE_WINDOW."""
    newest = matches.order_by("-said_on", "-id").values("pk")[:RELEVANCE_WINDOW]
    return matches.filter(pk__in=newest).order_by(F("rank").desc(), "-said_on", "-id")
