"""Thin views: read the request, make one QuerySet chain, render.

The public pages are here; search engines' files, error answers and copies of sources' pages
in the modules beside this one, imported here so that urls.py names every view as views.X."""

import itertools

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csp import csp_override

from tracker import aggregates, caching, citations, share_cards
from tracker.exports import csv_download
from tracker.feeds import statements_title
from tracker.filters import (
    EventFilter,
    NationFilter,
    QuoteFilter,
    RecordFilter,
    SourceFilter,
    SpeakerFilter,
    TopicFilter,
)
from tracker.models import (
    Event,
    Nation,
    Outlet,
    Quote,
    Source,
    Speaker,
    Topic,
    normalize_key,
    notices,
    public_notices,
    with_published_quotes,
    with_quote_counts,
)
from tracker.pagination import ArchivePaginator, QuotePaginator
from tracker.periods import Day, Month
from tracker.site import absolute_url
from tracker.views.crawlers import robots_txt, sitemap_index  # noqa: F401
from tracker.views.errors import bad_request, server_error  # noqa: F401
from tracker.views.snapshots import snapshot_detail, snapshot_warc  # noqa: F401

PAGE_SIZE = 25
INDEX_PAGE_SIZE = 50
SPEAKERS_SHOWN = aggregates.SPEAKERS_SHOWN


def _page(request, quotes, depends_on, search="", count=None):
    """A page of `quotes` shown as cards, counted until what the count `depends_on` changes
    (tracker/caching.py), unless their `count` is known."""
    paginator = QuotePaginator(quotes, PAGE_SIZE, depends_on=depends_on, search=search, count=count)
    return paginator.get_page(request.GET.get("page"))


def _record_page(request, records, depends_on, per_page):
    """A page of an index of records, counted as a page of quotes is."""
    paginator = ArchivePaginator(records, per_page, depends_on=depends_on)
    return paginator.get_page(request.GET.get("page"))


def _with_query(url, query):
    return f"{url}?{query}" if query else url


def _ways_out(query="", *, feed_url=None, feed_title=None):
    """A list of statements' feed and CSV, for its visible links and its feed autodiscovery
    (base.html): the feed of /quotes/ with the list's filters unless the list has its own."""
    return {
        "feed_url": feed_url or _with_query(reverse("quote_feed"), query),
        "feed_title": feed_title,
        "csv_url": _with_query(reverse("quote_csv"), query),
    }


def _record_ways_out(record, feed_name, parameter, value):
    """The ways out of one person's, nation's or topic's statements: its own feed (titled as
    feeds.RecordQuoteFeed titles it), and the CSV of /quotes/?<parameter>=<value>."""
    return _ways_out(
        urlencode({parameter: value}),
        feed_url=reverse(feed_name, args=[value]),
        feed_title=f"On the Record: {record}",
    )


def citing(make, *args, **kwargs):
    """What a page gives to cite it (tracker/citations/), made in the archive's own language
    whatever the interface's: its URLs are the permalinks citers keep, without /fr/ or /de/."""
    with translation.override(settings.LANGUAGE_CODE):
        return make(*args, **kwargs)


EVERYTHING = [caching.ALL_QUOTES, caching.RECORDS]


def home(request):
    topic = Topic.objects.featured()
    return render(
        request,
        "tracker/home.html",
        {
            "topic": topic,
            "grid": SimpleLazyObject(lambda: aggregates.stance_grid(topic)) if topic else None,
            "grid_version": aggregates.version_of(topic) if topic else None,
            "quotes": Quote.objects.published().for_listing()[:10],
            **_ways_out(feed_title=statements_title()),
        },
    )


def quote_list(request):
    quote_filter = QuoteFilter(request.GET, queryset=Quote.objects.published().for_listing())
    filter_version = caching.versions(*EVERYTHING)
    if not quote_filter.is_valid():
        # A bad value is the reader's to fix: say which, and show nothing it could mislead with.
        page = _page(request, Quote.objects.none(), EVERYTHING)
        context = {"filter": quote_filter, "filter_version": filter_version, "page": page}
        return render(request, "tracker/quote_list.html", context, status=400)
    search = quote_filter.form.cleaned_data.get("q", "")
    page = _page(
        request,
        quote_filter.qs,
        quote_filter.count_depends_on(),
        search,
        count=quote_filter.known_count(),
    )
    context = {"filter": quote_filter, "filter_version": filter_version, "page": page}
    filters = quote_filter.data.copy()
    filters.pop("page", None)
    in_feed = filters.copy()
    in_feed.pop("sort", None)  # a feed is newest first
    ways_out = _ways_out(
        filters.urlencode(),
        feed_url=_with_query(reverse("quote_feed"), in_feed.urlencode()),
        feed_title=statements_title(quote_filter.describe()),
    )
    return render(request, "tracker/quote_list.html", {**context, **ways_out})


def _permalink_quote(request, key, *related):
    quotes = Quote.objects.for_permalink(request.user).for_listing()
    if related:  # with no argument, select_related() would follow every foreign key
        quotes = quotes.select_related(*related)
    return get_object_or_404(quotes, key=normalize_key(key))


def quote_detail(request, key):
    if normalize_key(key) != key:
        return redirect("quote_detail", key=normalize_key(key), permanent=True)
    # With whether the source's link is gone, which the page says.
    quotes = Quote.objects.for_permalink(request.user).for_reading_alone()
    try:
        quote = get_object_or_404(quotes.select_related("source__link_status"), key=key)
    except Http404:
        # A mistyped key: the keys one typing error away, if any is published.
        nearest = Quote.objects.published().near_key(key).for_listing()[:5]
        return render(request, "404.html", {"nearest": nearest, "typed_key": key}, status=404)
    if quote.status == Quote.Status.RETRACTED:
        return render(request, "tracker/quote_retracted.html", {"quote": quote}, status=410)
    quote.read_parts()
    return render(
        request,
        "tracker/quote_detail.html",
        {
            "quote": quote,
            "corrections": quote.corrections.order_by("version") if quote.has_corrections else [],
            "answered": quote.answered_statement(),
            "responses": quote.published_responses() if quote.has_responses else [],
            **citing(
                citations.for_permalink,
                quote,
                base_url=settings.SITE_URL,
                today=timezone.localdate(),
            ),
        },
    )


def quote_redirect(request, key, rest=""):
    """Older and longer forms of a permalink answer with the one canonical address."""
    return redirect("quote_detail", key=normalize_key(key), permanent=True)


def quote_version(request, key, number):
    quote = _permalink_quote(request, key)
    versions = quote.public_versions()
    if not 1 <= number <= len(versions):
        raise Http404("No such version of this quote.")
    if quote.status == Quote.Status.RETRACTED:  # each version it had gives the notice
        return render(request, "tracker/quote_retracted.html", {"quote": quote}, status=410)
    version = quote.as_version(versions[number - 1], is_current=number == len(versions))
    as_of = versions[number - 1].history_date
    return render(
        request,
        "tracker/quote_version.html",
        {
            "quote": quote,
            "version": version,
            "number": number,
            "as_of": as_of,
            "is_current": number == len(versions),
            "current": len(versions),
            **citing(
                citations.for_version,
                version,
                number=number,
                as_of=timezone.localdate(as_of),
                base_url=settings.SITE_URL,
                today=timezone.localdate(),
            ),
        },
    )


def speaker_redirect(slug, url_name):
    """A permanent redirect from a merged speaker's URL to the same page of the speaker it was
    merged into; a 404 for a slug that names no merged speaker. Asked only when no public speaker
    has the slug, so that a person's page takes no query more."""
    target = Speaker.objects.merge_target_of(slug)
    if target is None:
        raise Http404("No speaker has this address.")
    return redirect(url_name, target.slug, permanent=True)


def speaker_detail(request, slug):
    speakers = (
        with_published_quotes(Speaker.objects.select_related("nation", "nationality"))
        .with_roles()
        .prefetch_related("aliases")
    )
    try:
        speaker = speakers.get(slug=slug)
    except Speaker.DoesNotExist:
        return speaker_redirect(slug, "speaker_detail")
    quotes = speaker.quotes.published()
    return render(
        request,
        "tracker/speaker_detail.html",
        {
            "speaker": speaker,
            "roles": speaker.roles.all(),
            "summary": SimpleLazyObject(lambda: aggregates.speaker_summary(speaker)),
            "changes": SimpleLazyObject(lambda: aggregates.stance_changes(speaker)),
            "turns": SimpleLazyObject(lambda: aggregates.stance_turns(speaker)),
            "changes_version": aggregates.version_of(speaker),
            # Newest first, as a nation's: the role each was said in heads its statements.
            "page": _page(request, quotes.for_listing(), [caching.scope_of(speaker)]),
            **citing(citations.for_speaker, speaker, base_url=settings.SITE_URL),
            **_record_ways_out(speaker, "speaker_feed", "speaker", speaker.slug),
        },
    )


def nation_detail(request, code):
    if code != code.lower():
        return redirect("nation_detail", code=code.lower(), permanent=True)
    nation = get_object_or_404(with_published_quotes(Nation.objects.all()), code=code.lower())
    return render(
        request,
        "tracker/nation_detail.html",
        {
            "nation": nation,
            "changes": SimpleLazyObject(lambda: aggregates.stance_changes(nation)),
            "speakers": SimpleLazyObject(
                lambda: aggregates.speakers_heard(nation, shown=SPEAKERS_SHOWN)
            ),
            "aggregates_version": aggregates.version_of(nation),
            "speakers_shown": SPEAKERS_SHOWN,
            "page": _page(
                request,
                nation.quotes.published().for_listing(),
                [caching.scope_of(nation)],
                count=aggregates.published_count(nation),
            ),
            **_record_ways_out(nation, "nation_feed", "nation", nation.code),
        },
    )


def source_detail(request, key):
    if normalize_key(key) != key:
        return redirect("source_detail", key=normalize_key(key), permanent=True)
    source = get_object_or_404(
        with_published_quotes(Source.objects.select_related("outlet")), key=normalize_key(key)
    )
    return render(
        request,
        "tracker/source_detail.html",
        {
            "source": source,
            # Quotes whose attribution chain passes through this source, read in another.
            "reported_here": Quote.objects.published()
            .naming(source)
            .exclude(source=source)
            .select_related("speaker", "source__outlet"),
            "page": _page(
                request,
                source.quotes.published().for_listing().order_by("said_on", "id"),
                EVERYTHING,
            ),
            **citing(citations.for_source, source, base_url=settings.SITE_URL),
            **_ways_out(
                urlencode({"source": source.key}),
                feed_title=statements_title(f"Source: {source}"),
            ),
        },
    )


def topic_detail(request, slug):
    topic = get_object_or_404(Topic.objects.confirmed(), slug=slug)
    quotes = Quote.objects.published().on_topic(topic)
    return render(
        request,
        "tracker/topic_detail.html",
        {
            "topic": topic,
            "grid": SimpleLazyObject(lambda: aggregates.stance_grid(topic)),
            "timeline": SimpleLazyObject(lambda: aggregates.stance_changes(topic)),
            "grid_version": aggregates.version_of(topic),
            "page": _page(request, quotes.for_listing(), [caching.scope_of(topic)]),
            **_record_ways_out(topic, "topic_feed", "topic", topic.slug),
        },
    )


def outlet_detail(request, slug):
    outlet = get_object_or_404(with_published_quotes(Outlet.objects.all()), slug=slug)
    return render(
        request,
        "tracker/outlet_detail.html",
        {
            "outlet": outlet,
            "sources": with_published_quotes(outlet.sources.all())[:50],
            "page": _page(
                request,
                Quote.objects.published().naming(outlet).for_listing(),
                EVERYTHING,
            ),
            **_ways_out(
                urlencode({"outlet": outlet.slug}),
                feed_title=statements_title(f"Outlet: {outlet}"),
            ),
        },
    )


def event_detail(request, slug):
    event = get_object_or_404(with_published_quotes(Event.objects.all()), slug=slug)
    return render(
        request,
        "tracker/event_detail.html",
        {
            "event": event,
            "page": _page(
                request, Quote.objects.published().naming(event).for_listing(), EVERYTHING
            ),
            **_ways_out(
                urlencode({"event": event.slug}),
                feed_title=statements_title(f"Event: {event}"),
            ),
        },
    )


def _index(request, records, filter_class):
    """An index of records, each with its count of published quotes, filtered by name: its
    template is tracker/<model>_list.html."""
    record_filter = filter_class(request.GET, with_quote_counts(records))
    template = f"tracker/{records.model._meta.model_name}_list.html"
    if record_filter.is_valid():
        status, records = 200, record_filter.qs
    else:  # a name too long to read: the page says so and lists nothing
        status, records = 400, record_filter.queryset.none()
    page = _record_page(request, records, EVERYTHING, INDEX_PAGE_SIZE)
    return render(request, template, {"filter": record_filter, "page": page}, status=status)


def speaker_list(request):
    return _index(request, Speaker.objects.select_related("nation"), SpeakerFilter)


def nation_list(request):
    # Nations first, then international organisations: the page lists them apart.
    return _index(request, Nation.objects.order_by("kind", "name"), NationFilter)


def outlet_list(request):
    return _index(request, Outlet.objects.all(), RecordFilter)


def source_list(request):
    return _index(request, Source.objects.select_related("outlet"), SourceFilter)


def topic_list(request):
    return _index(request, Topic.objects.all(), TopicFilter)


def event_list(request):
    return _index(request, Event.objects.all(), EventFilter)


def methodology(request):
    return render(
        request,
        "tracker/methodology.html",
        {
            "topics": Topic.objects.confirmed().prefetch_related("stances"),
        },
    )


def date_list(request):
    months = [
        {"month": Month(row["month"]), "count": row["count"]}
        for row in aggregates.quotes_by_month()
    ]
    return render(request, "tracker/date_list.html", {"months": months})


def date_month(request, year, month):
    month = Month.from_url(year, month)
    if month is None:
        raise Http404("No such month.")
    quotes = Quote.objects.published().said_between(start=month.first_day, end=month.last_day)
    previous, following = aggregates.neighbouring_months(month)
    return render(
        request,
        "tracker/date_month.html",
        {
            "month": month,
            "days": aggregates.quotes_by_day(month),
            "previous": previous,
            "next": following,
            "page": _page(
                request, quotes.for_listing().order_by("said_on", "id"), [caching.ALL_QUOTES]
            ),
        },
    )


def date_day(request, year, month, day):
    day = Day.from_url(year, month, day)
    if day is None:
        raise Http404("No such day.")
    # A quote that may have been said this day is listed too, its card marked as approximately
    # dated; the days linked from a month are those of quotes known to the day.
    quotes = Quote.objects.published().said_between(start=day.day, end=day.day)
    previous, following = aggregates.neighbouring_days(day)
    return render(
        request,
        "tracker/date_day.html",
        {
            "day": day,
            "previous": previous,
            "next": following,
            "page": _page(request, quotes.for_listing().order_by("id"), [caching.ALL_QUOTES]),
        },
    )


def correction_list(request):
    # Corrections and retractions are few: counted each time the page is rendered, which the
    # page cache makes once for each change to the archive.
    page = Paginator(public_notices(), PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "tracker/correction_list.html",
        {
            "page": page,
            "notices": notices(page),
            "feed_url": reverse("correction_feed"),
            "feed_title": "On the Record: corrections and retractions",
            "feed_of": "corrections and retractions",
        },
    )


def quote_csv(request):
    quote_filter = QuoteFilter(request.GET, queryset=Quote.objects.published())
    if not quote_filter.is_valid():
        return HttpResponse(
            "Some filters could not be read: " + quote_filter.errors.as_text(),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
    lines = csv_download(quote_filter.qs, base_url=settings.SITE_URL)
    # The first rows are read now: a database that cannot be reached answers 503 before the
    # download starts, rather than a 200 that breaks off.
    first = next(lines)
    response = StreamingHttpResponse(
        itertools.chain([first], lines), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="quotes.csv"'
    return response


def quote_citation(request, key, fmt):
    """The quote as a file for reference managers: CSL-JSON, RIS or BibTeX."""
    if fmt not in citations.DOWNLOADS:
        raise Http404("No such citation format.")
    if normalize_key(key) != key:
        return redirect("quote_citation", key=normalize_key(key), fmt=fmt, permanent=True)
    quote = _permalink_quote(request, key)
    if quote.status == Quote.Status.RETRACTED:
        return HttpResponse(
            f"This statement was retracted: {quote.retraction_reason}\n",
            status=410,
            content_type="text/plain; charset=utf-8",
        )
    item = citations.csl_item(
        quote, url=absolute_url(quote.get_absolute_url()), accessed=timezone.localdate()
    )
    download = citations.DOWNLOADS[fmt]
    response = HttpResponse(download.render(item), content_type=download.content_type)
    response["Content-Disposition"] = f'attachment; filename="on-the-record-{quote.key}.{fmt}"'
    return response


@xframe_options_exempt
@csp_override({**settings.SECURE_CSP, "frame-ancestors": ["*"]})
def quote_embed(request, key):
    """The quote as a small page that other sites may show in a frame."""
    if normalize_key(key) != key:
        return redirect("quote_embed", key=normalize_key(key), permanent=True)
    quote = _permalink_quote(request, key)
    return render(
        request,
        "tracker/quote_embed.html",
        {"quote": quote, "base_url": settings.SITE_URL},
        status=410 if quote.status == Quote.Status.RETRACTED else 200,
    )


def quote_share_card(request, key):
    """The image link previews show for a permalink (its og:image): a published quote's words,
    speaker and date. A retracted quote has none: its words are shown nowhere but its notice."""
    if normalize_key(key) != key:
        return redirect("quote_share_card", key=normalize_key(key), permanent=True)
    # The image shows no attribution chain and no translation: none is read.
    quotes = Quote.objects.published().for_listing().prefetch_related(None)
    quote = get_object_or_404(quotes, key=key)
    return HttpResponse(share_cards.card_png(quote), content_type="image/png")
