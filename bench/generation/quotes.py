"""The quotes of a generated archive: who said what, in which words, when, and how it
stands (draft, in review, published, retracted), roughly in the order they were said."""

import bisect
from datetime import UTC, datetime, timedelta

from bench.generation.sizes import (
    DRAFT_SHARE,
    FIRST_DAY,
    RETRACTED_SHARE,
    REVIEW_SHARE,
    TOPIC_CUMULATIVE,
    cumulative,
)
from bench.generation.vocabulary import (
    CONTEXTS,
    FOLDED_FOREIGN,
    FOREIGN_SENTENCES,
    NONE,
    PARAPHRASES,
    PLACES,
    RARE_NOUNS,
    RARE_SENTENCES,
    RETRACTION_REASONS,
    SENTENCES,
    TOPICS,
    capitalize,
    fold_text,
)
from tracker.models import Speaker
from tracker.models.dates import PossibleDates
from tracker.search import fold

# The columns of the rows QuoteRows.quotes() makes, in their order.
QUOTE_COLUMNS = (
    "id",
    "key",
    "text",
    "language",
    "spoken_language",
    "kind",
    "said_on",
    "said_on_latest",
    "said_on_precision",
    "said_on_note",
    "context",
    "status",
    "published_at",
    "retracted_at",
    "retraction_reason",
    "created_at",
    "updated_at",
    "nation_id",
    "role_id",
    "verification",
    "source_id",
    "speaker_id",
    "stance_id",
    "search_text",
)
# The columns of the translations and attribution links QuoteRows.quotes() makes beside the
# quotes (in `translation_rows` and `link_rows`), in their order.
TRANSLATION_COLUMNS = ("id", "quote_id", "language", "text", "translated_by", "outlet_id")
LINK_COLUMNS = ("id", "quote_id", "position", "relation", "outlet_id")
# The share of a speaker's quotes said in their own language, when it is not English.
NATIVE_SHARE = 0.3
# The share of those published with an English translation, and who made it: the outlet that
# published the words (named), a wire agency (not named), or this archive's editors.
TRANSLATED_SHARE = 0.6
TRANSLATORS = ("outlet", "outlet", "agency", "archive")
# The share of quotes read in a report of another outlet's report ("reported by").
REPORTED_BY_SHARE = 0.04
# How precisely the dates of quotes are known, by share; the rest to the day.
DATE_PRECISIONS = (
    (0.05, "month", ""),
    (0.08, "approximate", "Inferred from the article, which says “last week”."),
    (0.10, "between", "The article says the words were said in the days before it."),
    (0.11, "on_or_before", "The article says the words were said before it was published."),
)


class QuoteRows:
    """The quotes part of ArchiveGenerator (bench.generation.generator), which sets the
    attributes read here: its random generator, speakers, sources and counts."""

    def _stance_weights(self):
        # Each nation leans one way on each question: its preferred stance takes most quotes.
        rng = self.rng
        table = {}
        for nation_index in range(len(self.nation_list)):
            for topic_index, words in enumerate(TOPICS):
                n = len(words.stances)
                preferred = rng.randrange(n)
                table[nation_index, topic_index] = cumulative(
                    6 if i == preferred else 1 for i in range(n)
                )
        return table

    def quotes(self, stance_ids):
        """Rows of QUOTE_COLUMNS, roughly in the order they were said, with ids.

        `stance_ids[topic index][stance index]` are the saved stances' ids. Counts of quotes
        per speaker, nation and status are kept in the generator as the rows are made.
        """
        random_ = self.rng.random
        pick, weighted = self._pick, self._weighted
        n_quotes = self.counts.quotes
        source_ids, source_days = self.source_ids, self.source_days
        source_outlets = self.source_outlets
        n_sources = len(source_ids)
        speaker_list, speaker_cum = self.speaker_list, self.speaker_cum
        nation_index_of = {id(nation): i for i, nation in enumerate(self.nation_list)}
        stance_cum = self._stance_weights()
        taken = self.taken_quote_keys
        by_speaker, by_nation, by_status = (
            self.quotes_by_speaker,
            self.quotes_by_nation,
            self.quotes_by_status,
        )
        kinds, kind_cum = ("direct", "partial", "paraphrase", "statement"), (60, 75, 90, 100)
        sentence_cum = cumulative((30, 35, 22, 13))
        midnight = {}
        translations, links = self.translation_rows, self.link_rows = [], []
        for number in range(n_quotes):
            # Quotes follow their sources through time; some were filed years later.
            if random_() < 0.08:
                source_index = int(random_() * n_sources)
            else:
                source_index = int((number + random_()) * n_sources / n_quotes)
                source_index = min(max(source_index + int(random_() * 7) - 3, 0), n_sources - 1)
            source_id = source_ids[source_index]
            said_on = source_days[source_index]
            back = random_()
            if back > 0.55:
                said_on = max(said_on - timedelta(days=1 if back < 0.8 else 2 + int((back - 0.8) * 30)), FIRST_DAY)  # fmt: skip
            said_on, said_on_latest, precision, said_on_note = self._possible_days(said_on)

            generated = speaker_list[weighted(speaker_cum)]
            speaker = generated.speaker
            role = None
            if generated.roles:
                i = bisect.bisect(generated.role_starts, said_on) - 1
                if i >= 0:
                    candidate = generated.roles[i]
                    if candidate.ended_on is None or said_on <= candidate.ended_on:
                        role = candidate
            nation = generated.nation if role is None else role.nation
            nation_index = None if nation is None else nation_index_of[id(nation)]

            topic_index = weighted(TOPIC_CUMULATIVE)
            words = TOPICS[topic_index]
            stance_index = weighted(stance_cum[nation_index or 0, topic_index])
            tone = words.stances[stance_index][2]

            if speaker.kind == Speaker.Kind.INSTITUTION and random_() < 0.7:
                kind = "statement"
            else:
                kind = kinds[weighted(kind_cum)]
            n_sentences = weighted(sentence_cum) + 1

            quote_id = self._take_id("quote")
            context = ""
            if generated.native_language and random_() < NATIVE_SHARE:
                language = spoken_language = generated.native_language
                pairs = FOREIGN_SENTENCES[language]
                chosen = [pick(pairs) for _ in range(n_sentences)]
                chosen = sorted(set(chosen), key=chosen.index)
                text = " ".join(pair[0] for pair in chosen)
                folded = " ".join(FOLDED_FOREIGN[pair[0]] for pair in chosen)
                if random_() < TRANSLATED_SHARE:
                    translation = " ".join(pair[1] for pair in chosen)
                    folded += "\n" + translation.lower()
                    translated_by = pick(TRANSLATORS)
                    outlet_id = self.source_outlet_ids[source_index]
                    translations.append(
                        (
                            self._take_id("translation"),
                            quote_id,
                            "en",
                            translation,
                            translated_by,
                            outlet_id if translated_by == "outlet" else None,
                        )
                    )
            else:
                language = "en"
                # Said in English, or in the speaker's language and published in English.
                spoken_language = "" if generated.native_language else "en"
                slots = self._topic_words(topic_index, nation_index)
                slots["Surname"] = generated.surname
                if kind == "paraphrase":
                    text = capitalize(pick(PARAPHRASES[tone]).format_map(slots))
                else:
                    sentences = [pick(SENTENCES[tone])]
                    for _ in range(n_sentences - 1):
                        sentence = pick(SENTENCES[tone if random_() < 0.6 else NONE])
                        if sentence not in sentences:
                            sentences.append(sentence)
                    if random_() < 0.12:
                        rare = pick(RARE_SENTENCES).format(
                            rare=pick(RARE_NOUNS), place=pick(PLACES)
                        )
                        sentences.insert(1 + int(random_() * len(sentences)), rare)
                    text = " ".join(sentences).format_map(slots)
                    if kind == "partial":
                        text = text.split(". ")[0].rstrip(".")
                        if text.split(" ", 1)[0] in ("We", "I", "There", "It", "Nobody", "No"):
                            text = text[0].lower() + text[1:]
                if random_() < 0.25:
                    context = capitalize(pick(CONTEXTS).format_map(slots))
                folded = fold_text(text)
            search_text = "\n".join(
                [self._search_prefix(generated, role, nation), source_outlets[source_index], folded]
            )
            if context:
                search_text += "\n" + fold_text(context)

            # Read through another outlet's first report: a report of a report.
            verification = "first_hand"
            if random_() < REPORTED_BY_SHARE:
                verification = "second_hand"
                reporter = self.outlet_list[int(random_() * len(self.outlet_list))].id
                links.append(
                    (self._take_id("attributionlink"), quote_id, 1, "reported_by", reporter)
                )
            elif kind == "statement" and random_() < 0.5:
                verification = "recording"

            day_start = midnight.get(said_on)
            if day_start is None:
                day_start = midnight[said_on] = datetime(
                    said_on.year, said_on.month, said_on.day, tzinfo=UTC
                )
            created_at = day_start + timedelta(seconds=int(random_() * 10 * 86400) + 6 * 3600)
            published_at = retracted_at = None
            reason = ""
            roll = random_()
            if roll < DRAFT_SHARE:
                status = "draft"
            elif roll < DRAFT_SHARE + REVIEW_SHARE:
                status = "review"
            else:
                published_at = created_at + timedelta(seconds=600 + int(random_() * 3 * 86400))
                status = "published"
                if roll < DRAFT_SHARE + REVIEW_SHARE + RETRACTED_SHARE:
                    status = "retracted"
                    retracted_at = published_at + timedelta(seconds=3600 + int(random_() * 60 * 86400))  # fmt: skip
                    reason = pick(RETRACTION_REASONS)
            updated_at = retracted_at or published_at or created_at

            speaker_id = speaker.id
            nation_id = None if nation is None else nation.id
            by_speaker[speaker_id] = by_speaker.get(speaker_id, 0) + 1
            if nation_id is not None:
                by_nation[nation_id] = by_nation.get(nation_id, 0) + 1
            by_status[status] += 1
            yield (
                quote_id,
                self._key(taken),
                text,
                language,
                spoken_language,
                kind,
                said_on,
                said_on_latest,
                precision,
                said_on_note,
                context,
                status,
                published_at,
                retracted_at,
                reason,
                created_at,
                updated_at,
                nation_id,
                None if role is None else role.id,
                verification,
                source_id,
                speaker_id,
                stance_ids[topic_index][stance_index],
                search_text,
            )

    def _possible_days(self, day):
        """When a quote the reporting dates to `day` may have been said: its earliest and latest
        possible days, their precision and the note on how the date was inferred."""
        roll = self.rng.random()
        chosen = next((row for row in DATE_PRECISIONS if roll < row[0]), None)
        if chosen is None:
            return day, day, "day", ""
        _share, precision, note = chosen
        if precision == "month":
            dates = PossibleDates.of(day.replace(day=1), precision)
            return dates.earliest, dates.latest, precision, note
        earliest = day - timedelta(days=1 + int(self.rng.random() * 3))
        if precision == "between" and earliest >= FIRST_DAY:
            return earliest, day, precision, note
        return day, day, precision, note

    @staticmethod
    def _search_prefix(generated, role, nation):
        # The first lines of search.search_text_of: who said it, in what role, for whom.
        key = (None if role is None else role.id, None if nation is None else nation.id)
        prefix = generated.search_prefixes.get(key)
        if prefix is None:
            speaker = generated.speaker
            aliases = [alias.name for alias in generated.aliases]
            parts = [speaker.name, *aliases, role.title if role else "", nation.name if nation else ""]  # fmt: skip
            prefix = fold("\n".join(part for part in parts if part))
            generated.search_prefixes[key] = prefix
        return prefix
