# ruff: noqa: RUF002
# (Typographic quotation marks and apostrophes are what this module reads.)
"""The quote finder: candidate statements in an article's text, by rule, for an editor to review.

Pure functions over text. The only knowledge of the archive it takes is a SpeakerMatcher built
by the caller from known speakers and their aliases. The words of every candidate are exact
spans of the article: `Candidate.passages` are (start, end) offsets into the text, checked
against it when the candidate is made, and `words` is their text (two passages of one
quotation the article splits with "he said" are joined by a space, with a note saying so).

What it finds:
- quotations in “ ”, „ “, « », ‘ ’ and " ", nested ones inside their outer quotation, and the
  article's block quotations (read_html);
- reported speech without quotation marks: a clause whose subject is a speaker and whose verb
  says something ("said", "told", "warned") or takes a position ("ruled out", "supports", "is
  ready to", "pledged"); "according to X, ...", "in X's view, ...", "X's office said"; a
  leading phrase of position ("While decrying ...,") and an aside ("X, adamant that ...,");
  which words are the statement follows the sentence's grammar (see reported_speech);
- the speaker: a name near the words, or the person "he", "she" or "the minister" refers back
  to; names known to the archive are matched with their aliases, a nation's name or seat ("the
  U.S.", "the Kremlin", "Downing Street") as its government, a group of officials as the
  archive names it; others proposed as new, and found again by their family name;
- when it was said: "today", "on Sunday", "last week" against the article's date;
- the chain the article states: "told the Financial Times", "in an op-ed for the Telegraph",
  "the Post reported", "according to Reuters".

Where each part lives: articles (the article and its candidates, read_html), quotations,
reported (reported speech), speakers (known speakers, and who the article names), attribution
(who said it, and the chain of outlets), dates, sentences (spans of the text) and words (the
vocabulary the rules share). find_candidates, here, runs them in order.
"""

from tracker.finder.articles import Article, Candidate, read_html
from tracker.finder.attribution import attribute
from tracker.finder.dates import date_candidate
from tracker.finder.quotations import join_split_quotations, quotations, quoted_candidate
from tracker.finder.reported import reported_speech
from tracker.finder.sentences import around, sentences
from tracker.finder.speakers import People, SpeakerMatcher

__all__ = ["Article", "Candidate", "SpeakerMatcher", "find_candidates", "read_html"]


def find_candidates(text, *, published_on=None, speakers=None, block_quotations=()):
    """The candidate statements of an article's text, in article order."""
    speakers = speakers or SpeakerMatcher()
    quoted = quotations(text)
    sentence_spans = sentences(text, quoted)
    people = People(text, speakers, quoted)
    candidates = []
    used = []
    for start, end in quoted:
        if len(text[start:end].split()) < 2:
            continue  # a word in marks is a term, not a statement
        candidates.append(quoted_candidate(text, start, end, sentence_spans, quoted, people))
        used.append((start, end))
    for block in block_quotations:
        position = text.find(block)
        if position >= 0 and not around(used, position, position + len(block)):
            candidate = Candidate(((position, position + len(block)),), block, "direct")
            candidate.note = "A block quotation of the article."
            attribute(candidate, text, sentence_spans, quoted, people, before_only=True)
            candidates.append(candidate)
    for candidate in reported_speech(text, sentence_spans, quoted, people):
        if not around(used, candidate.start, candidate.passages[-1][1]):
            candidates.append(candidate)
    candidates = join_split_quotations(text, sorted(candidates, key=lambda c: c.start))
    for candidate in candidates:
        date_candidate(candidate, published_on)
    for i, candidate in enumerate(candidates):
        continue_from(text, candidates[:i], candidate)
        check_exact(text, candidate)
    return candidates


def continue_from(text, earlier, candidate):
    """What a candidate's own sentence does not say, from the statement before it in the
    article (in the last two paragraphs): the same report's speaker, outlet and date."""
    for previous in reversed(earlier):
        if text.count("\n", previous.start, candidate.start) > 2:
            return
        same_speaker = (
            candidate.speaker_name
            and previous.speaker_name
            and (
                candidate.speaker_id == previous.speaker_id
                if candidate.speaker_id
                else candidate.speaker_name == previous.speaker_name
            )
        )
        same_outlet = candidate.chain and candidate.chain == previous.chain
        same_paragraph = "\n" not in text[previous.start : candidate.start]
        if same_speaker or (not candidate.speaker_name and (same_outlet or same_paragraph)):
            break
    else:
        return
    if not candidate.speaker_name:
        candidate.speaker_name, candidate.speaker_id = previous.speaker_name, previous.speaker_id
        candidate.role = previous.role
    candidate.chain = candidate.chain or list(previous.chain)
    if not candidate.is_dated and previous.is_dated:
        candidate.said_on, candidate.said_on_latest = previous.said_on, previous.said_on_latest
        candidate.precision, candidate.date_note = previous.precision, previous.date_note
        candidate.is_dated = True


def check_exact(text, candidate):
    words = " ".join(text[start:end] for start, end in candidate.passages)
    assert words == candidate.words, "a candidate's words must be exact spans of the article"
