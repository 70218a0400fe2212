"""How a card sets a quote: its attribution chain, the edits to its words, their typography."""

import re

from django.utils.translation import get_language

from tracker.models.attribution import AttributionLink

# A card shows the context of words this short (and of any partial quote or clause).
FRAGMENT_WORDS = 3
# What already marks words left out.
ELLIPSES = ("…", "...", "[…]")
WORD = re.compile(r"\w+")


class QuoteCard:
    """How a card shows a Quote (tracker/models/quotes.py)."""

    def chain(self):
        """The attribution chain from the speaker to where we read the words: the stored links
        in order, then "read in" the quote's source (its own field, never stored twice), then
        the outlets that also reported it. The quote's event is the occasion it belongs to; a
        "said at" link says where the words were spoken, when the reporting says so."""
        read_in = AttributionLink(relation=AttributionLink.Relation.READ_IN, source=self.source)
        return self.in_chain_order(self.attribution_links.all(), read_in)

    @staticmethod
    def in_chain_order(links, read_in):
        """The stored `links` (in their order) around `read_in`, the quote's source: those
        before it first, then the outlets that also reported the words."""
        also = AttributionLink.Relation.ALSO_REPORTED_BY
        return [
            *(link for link in links if link.relation != also),
            read_in,
            *(link for link in links if link.relation == also),
        ]

    def chain_data(self):
        return [link.as_data() for link in self.chain()]

    def chain_text(self):
        """The chain in one line, as a card shows it: “said at X · reported by AFP · read in
        Le Figaro”."""
        return " · ".join(str(link) for link in self.chain())

    @property
    def edit_labels(self):
        """What was done to the words, each kind once, as a card marks them: “words omitted”
        (in German the nouns keep their capitals: “Wörter ausgelassen”)."""
        kinds = dict.fromkeys(edit.get_kind_display() for edit in self.word_edits.all())
        if get_language() == "de":
            return list(kinds)
        return [kind[0].lower() + kind[1:] for kind in kinds]

    def edits_data(self):
        return [edit.as_data() for edit in self.word_edits.all()]

    # How a card sets the words: the typography of their kind, a fragment in its context.

    @property
    def is_in_quotation_marks(self):
        """The speaker's (or the body's) own words go in quotation marks; a paraphrase is the
        source's sentence, shown as plain reported text."""
        return self.kind != self.Kind.PARAPHRASE

    @property
    def kind_label(self):
        """What a card says the words are, before them: nothing for a direct quote; an
        indirect quote names its intermediaries, as its chain gives them."""
        if self.kind == self.Kind.DIRECT:
            return ""
        if self.kind == self.Kind.INDIRECT:
            names = [
                str(link.intermediary)
                for link in self.attribution_links.all()
                if link.intermediary_id
            ]
            return "Indirect quote, through " + " and ".join(names) if names else "Indirect quote"
        return self.get_kind_display()

    @property
    def is_fragment(self):
        """Words that do not stand alone: a partial quote, three words or fewer that are not a
        sentence, a clause ending in a comma or a colon, or words starting in lower case."""
        text = self.text.strip()
        return (
            self.kind == self.Kind.PARTIAL
            or (len(text.split()) <= FRAGMENT_WORDS and text[-1:] not in ".!?…")
            or text[-1:] in ",;:"
            or text[:1].islower()
        )

    @property
    def shows_context(self):
        """A card shows the context sentence with the words when they do not stand alone."""
        return bool(self.context.strip()) and self.is_fragment

    @property
    def words_in_context(self):
        """The context around the words, as (before, words, after), when the words are an
        exact span of it; None when they are not (a card then shows the context below)."""
        start = self.context.find(self.text)
        if not self.text or start < 0:
            return None
        end = start + len(self.text)
        return self.context[:start], self.text, self.context[end:]

    @property
    def words_shown(self):
        """The words with an ellipsis where words were left out, when the edits say so and the
        words do not show it: in its place, when the left-out words are found in the context;
        else at the end."""
        omissions = [e for e in self.word_edits.all() if e.kind == e.Kind.OMITTED]
        if not omissions or any(mark in self.text for mark in ELLIPSES):
            return self.text
        context = f" {' '.join(WORD.findall(self.context.lower()))} "
        gaps = [match.start() for match in re.finditer(r"\s+", self.text)]
        for omitted in (WORD.findall(edit.words.lower()) for edit in omissions):
            for gap in gaps if omitted else ():
                before, after = self.text[:gap], self.text[gap:].lstrip()
                words = [*WORD.findall(before.lower()), *omitted, *WORD.findall(after.lower())]
                if f" {' '.join(words)} " in context:
                    return f"{before} … {after}"
        return f"{self.text.rstrip()} …"
