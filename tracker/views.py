"""Thin views: one QuerySet chain each, HTML out."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render

from tracker.models import Nation, Quote, Source, Speaker, Topic, normalize_key

PAGE_SIZE = 25


def home(request):
    newest = Quote.objects.published().for_listing()[:10]
    return render(request, "tracker/home.html", {"quotes": newest})


def quote_detail(request, key):
    canonical = normalize_key(key)
    if canonical != key:
        return redirect("quote_detail", key=canonical, permanent=True)
    quote = get_object_or_404(Quote.objects.published().for_listing(), key=key)
    return render(request, "tracker/quote_detail.html", {"quote": quote})


def _record_page(request, template, record, quotes):
    page = Paginator(quotes.published().for_listing(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, template, {"record": record, "page": page})


def speaker_detail(request, slug):
    speaker = get_object_or_404(Speaker, slug=slug)
    return _record_page(request, "tracker/speaker_detail.html", speaker, speaker.quotes)


def nation_detail(request, code):
    nation = get_object_or_404(Nation, code=code.lower())
    return _record_page(request, "tracker/nation_detail.html", nation, nation.quotes)


def source_detail(request, key):
    source = get_object_or_404(Source.objects.select_related("outlet"), key=normalize_key(key))
    return _record_page(request, "tracker/source_detail.html", source, source.quotes)


def topic_detail(request, slug):
    topic = get_object_or_404(Topic, slug=slug)
    quotes = Quote.objects.filter(stance__topic=topic)
    return _record_page(request, "tracker/topic_detail.html", topic, quotes)
