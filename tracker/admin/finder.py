"""Find quotes in an article: the editor pastes it on a source's page, reviews the finder's
candidates in article order, and the accepted ones become drafts of that source."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.text import slugify

from tracker import finder
from tracker.models import (
    Alias,
    AttributionLink,
    Outlet,
    Quote,
    Role,
    Source,
    Speaker,
    Stance,
)
from tracker.models.dates import Precision

LONGEST_ARTICLE = 500_000  # characters: a long report is 100,000


class ArticleForm(forms.Form):
    article = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 16, "cols": 100}),
        max_length=LONGEST_ARTICLE,
        help_text="The article's text, or the HTML of its page as saved from a browser.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A browser cuts a longer paste silently at `maxlength`: the form says so instead.
        self.fields["article"].widget.attrs.pop("maxlength", None)

    def clean_article(self):
        article = self.cleaned_data["article"]
        controls = sum(
            1 for char in article if (char < " " and char not in "\t\n\r") or char == "\ufffd"
        )
        if controls > max(2, len(article) // 1000):
            raise forms.ValidationError(
                "This is not text: it looks like a binary file (an image, a PDF, a word "
                "processor's file). Paste the article's text, or its page's HTML."
            )
        return article


class NewSourceForm(ArticleForm):
    """The article of a source not in the archive yet: its title, author, date and URL are
    taken from the page's own metadata when the paste is HTML, else from these fields."""

    outlet = forms.ModelChoiceField(Outlet.objects.order_by("name"))
    title = forms.CharField(
        max_length=400, required=False, help_text="Left empty, the page's own title."
    )
    published_on = forms.DateField(
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Left empty, the page's own date.",
    )

    field_order = ["outlet", "title", "published_on", "article"]


class CandidateForm(forms.Form):
    accept = forms.BooleanField(required=False)
    text = forms.CharField(
        label="Words",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Narrow them if need be: they stay an exact part of the article's sentence.",
    )
    context = forms.CharField(widget=forms.HiddenInput, required=False)
    chain = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="One outlet a line, after its relation: “reported_by Reuters”.",
    )
    date_note = forms.CharField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(choices=Quote.Kind.choices)
    speaker = forms.ModelChoiceField(Speaker.objects.order_by("name"), required=False)
    new_speaker = forms.CharField(
        required=False, max_length=200, help_text="A speaker the archive does not know yet."
    )
    new_role = forms.CharField(
        required=False, max_length=200, help_text="The new speaker's role, as the article gives it."
    )
    said_on = forms.DateField(widget=forms.DateInput(attrs={"type": "date"}))
    said_on_latest = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    precision = forms.ChoiceField(choices=Precision.choices)
    stance = forms.ModelChoiceField(Stance.objects.select_related("topic"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # One row a statement, with no label of its own: each field named for screen readers.
        number = self.prefix.rsplit("-", 1)[-1]
        for field in self.visible_fields():
            field.field.widget.attrs["aria-label"] = f"{field.label}, statement {int(number) + 1}"

    def clean(self):
        data = super().clean()
        if data.get("accept"):
            text, context = data.get("text", ""), data.get("context", "")
            if text and context and text not in context:
                self.add_error("text", "The words must be the article's own: part of its sentence.")
            if not data.get("speaker") and not data.get("new_speaker", "").strip():
                self.add_error("speaker", "Choose the speaker, or name a new one.")
            if not data.get("stance"):
                self.add_error("stance", "Choose the position the words take.")
        return data


CandidateFormSet = forms.formset_factory(CandidateForm, extra=0)


def speaker_matcher():
    """The finder's knowledge of the archive: every speaker's name, aliases, family name, kind
    and the body spoken for (so that "Sweden said" finds Sweden's government)."""
    aliases = {}
    for speaker_id, name in Alias.objects.values_list("speaker", "name"):
        aliases.setdefault(speaker_id, []).append(name)
    speakers = Speaker.objects.values(
        "id",
        "name",
        "kind",
        "family_name",
        nation_code=F("nation__code"),
        nation_name=F("nation__name"),
    )
    return finder.SpeakerMatcher.from_speakers(
        {**speaker, "aliases": aliases.get(speaker["id"], [])} for speaker in speakers
    )


def read_article(pasted, source):
    if "<" in pasted and ">" in pasted and "</" in pasted:
        article = finder.read_html(pasted)
    else:
        article = finder.Article(text=pasted)
    if article.published_on is None:
        article.published_on = source.published_on
    return article


def initial_rows(candidates, source):
    rows = []
    for candidate in candidates:
        latest = candidate.said_on_latest
        rows.append({
            "accept": True,
            "text": candidate.words,
            "context": candidate.context,
            "chain": "\n".join(f"{relation} {outlet}" for relation, outlet in candidate.chain),
            "date_note": " ".join(filter(None, [candidate.date_note, candidate.note])),
            "kind": candidate.kind,
            "speaker": candidate.speaker_id,
            "new_speaker": candidate.speaker_name if candidate.is_new_speaker else "",
            "new_role": candidate.role if candidate.is_new_speaker else "",
            "said_on": candidate.said_on or source.published_on,
            "said_on_latest": latest if candidate.precision == Precision.BETWEEN else None,
            "precision": candidate.precision,
        })  # fmt: skip
    return rows


def already_in_archive(text, speaker):
    """The quote already in the archive with these words, or nearly: among the speaker's
    quotes when the speaker is known (as the quote form looks), else among all."""
    quotes = Quote.objects.all()
    if speaker:
        quotes = quotes.filter(speaker=speaker)
    return quotes.with_words_like(text or "").first()


def duplicates(formset):
    """For each row, the quote already in the archive with the same words, or None."""
    return [already_in_archive(form["text"].value(), form["speaker"].value()) for form in formset]


class FindQuotesMixin:
    """Adds "Find quotes in an article" to a source's admin page (ModelAdmin.get_urls)."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.find_quotes_view)
        new_source_view = self.admin_site.admin_view(self.find_quotes_in_new_source_view)
        return [
            path("find-quotes/", new_source_view, name="tracker_source_find_quotes_new"),
            path("<path:object_id>/find-quotes/", view, name="tracker_source_find_quotes"),
            *super().get_urls(),
        ]

    def find_quotes_in_new_source_view(self, request):
        """Paste an article not in the archive yet: its source is made from the page's own
        metadata (or what the editor types), then its candidates are reviewed as for any."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = NewSourceForm(request.POST or None)
        if form.is_valid():
            data = form.cleaned_data
            article = read_article(data["article"], Source(published_on=data["published_on"]))
            if not (data["title"] or article.title):
                form.add_error("title", "The page has no title: type one.")
            else:
                source = Source.objects.create(
                    outlet=data["outlet"],
                    title=data["title"] or article.title,
                    is_title_supplied=bool(data["title"]),
                    authors=article.author,
                    url=article.url[:600],
                    published_on=article.published_on,
                )
                messages.success(request, f"Source “{source}” added.")
                return self.find_quotes_view(request, str(source.pk), pasted=data["article"])
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Find quotes in a new article",
            "article_form": form,
        }
        return TemplateResponse(request, "admin/tracker/source/find_quotes.html", context)

    def find_quotes_view(self, request, object_id, pasted=None):
        source = get_object_or_404(Source.objects.select_related("outlet"), pk=object_id)
        if not self.has_change_permission(request, source) or not request.user.has_perm(
            "tracker.add_quote"
        ):
            raise PermissionDenied
        if pasted is None and "find" in request.POST:
            pasted = request.POST.get("article", "")
        article_form = ArticleForm(None if pasted is None else {"article": pasted})
        formset = article = None
        if article_form.is_valid():
            article = read_article(article_form.cleaned_data["article"], source)
            candidates = finder.find_candidates(
                article.text,
                published_on=article.published_on,
                speakers=speaker_matcher(),
                block_quotations=article.block_quotations,
            )
            if not candidates:
                messages.warning(request, "The finder found no statements in this article.")
            formset = CandidateFormSet(initial=initial_rows(candidates, source))
        elif "create" in request.POST or "send_for_review" in request.POST:
            formset = CandidateFormSet(request.POST)
            if formset.is_valid():
                created = self.create_drafts(request, source, formset)
                messages.success(request, f"{len(created)} drafts created.")
                return redirect(reverse("admin:tracker_source_change", args=[source.pk]))
        rows = list(zip(formset, duplicates(formset), strict=True)) if formset else []
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"Find quotes in an article: {source}",
            "source": source,
            "article_form": article_form,
            "formset": formset,
            "rows": rows,
            "article": article,
        }
        return TemplateResponse(request, "admin/tracker/source/find_quotes.html", context)

    @transaction.atomic
    def create_drafts(self, request, source, formset):
        send = "send_for_review" in request.POST
        created = []
        for form in formset:
            data = form.cleaned_data
            if not data.get("accept"):
                continue
            if already_in_archive(data["text"], data["speaker"]):
                messages.warning(request, f"Already in the archive, not created: {data['text']}")
                continue
            speaker, role = data["speaker"], None
            if speaker is None:
                speaker = new_speaker(data["new_speaker"])
                if data["new_role"].strip():
                    role = Role.objects.create(speaker=speaker, title=data["new_role"].strip())
            quote = Quote(
                text=data["text"],
                kind=data["kind"],
                speaker=speaker,
                role=role,
                said_on=data["said_on"],
                said_on_latest=data["said_on_latest"] or data["said_on"],
                said_on_precision=data["precision"],
                said_on_note=data["date_note"],
                context=data["context"],
                source=source,
                stance=data["stance"],
            )
            quote.full_clean()
            quote.save()
            for position, line in enumerate(filter(None, data["chain"].splitlines())):
                relation, _, outlet_name = line.partition(" ")
                outlet = Outlet.objects.filter(name__iendswith=outlet_name).first()
                if outlet:
                    AttributionLink.objects.create(
                        quote=quote, position=position, relation=relation, outlet=outlet
                    )
            if send:
                quote.submit_for_review(by=request.user)
            created.append(quote)
        return created


def new_speaker(name):
    """A speaker the article names and the archive does not know."""
    name = name.strip()
    slug = base = slugify(name) or "speaker"
    if Speaker.objects.filter(slug=slug).exists():
        slug = f"{base}-{datetime.date.today():%Y%m%d%H%M%S}"
    return Speaker.objects.create(name=name, slug=slug)
