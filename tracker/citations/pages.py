"""What each page gives to cite it: a person's, a source's, a permalink's and a version's."""

from django.urls import reverse

from tracker.citations.downloads import DOWNLOADS
from tracker.citations.items import SITE_NAME, csl_item, reported_in
from tracker.citations.meta import coins, json_ld, meta_tags, script_json
from tracker.citations.styles import STYLES, format_citations


def for_speaker(speaker, *, base_url):
    """What a person page (or a body's, a group's) tells reference managers and link
    previews: a web page of the archive describing them, not a citation of anything."""
    url = base_url + speaker.get_absolute_url()
    description = speaker.description or f"Statements by {speaker.name} on the record."
    tags = [
        ("name", "DC.title", speaker.name),
        ("name", "DC.type", speaker.get_kind_display()),
        ("name", "DC.description", description),
        ("property", "og:type", "website"),
        ("property", "og:site_name", SITE_NAME),
        ("property", "og:title", speaker.name),
        ("property", "og:description", description),
        ("property", "og:url", url),
    ]
    return {"meta_tags": [{"attribute": a, "name": n, "content": c} for a, n, c in tags]}


def for_source(source, *, base_url):
    """What a source page tells reference managers: the article itself, at its own URL."""
    item = reported_in(source)
    item.setdefault("URL", base_url + source.get_absolute_url())
    return {"meta_tags": meta_tags(item), "source_coins": coins(item)}


def for_item(item):
    """The page's citation item, its meta tags and its entry in each style."""
    return {
        "permalink": item["URL"],
        "csl": item,
        "meta_tags": meta_tags(item),
        "citations": [
            {"style": style, "label": label, "citation": citation}
            for (style, label), citation in zip(
                STYLES.items(), format_citations(item).values(), strict=True
            )
        ],
    }


def for_permalink(quote, *, base_url, today):
    """Everything the permalink's "Cite this" box and its metadata need, without a query."""
    url = base_url + quote.get_absolute_url()
    topic = quote.stance.topic.name
    return {
        **for_item(csl_item(quote, url=url, accessed=today)),
        "headline": f"{quote.speaker.name} on {topic[:1].lower()}{topic[1:]}, "
        f"{quote.said_on_display}",
        "downloads": [
            {"format": fmt, "label": d.label, "content_type": d.content_type.split(";")[0]}
            for fmt, d in DOWNLOADS.items()
        ],
        "json_ld": script_json(json_ld(quote, url=url, base_url=base_url)),
    }


def for_version(version, *, number, as_of, base_url, today):
    """What a version page /q/<key>/v/<n>/ cites: that version, at its own URL, with its
    number and the day it was made in the website type ("Direct quote, version 1 as of
    3 March 2025"), which Zotero keeps."""
    url = base_url + reverse("quote_version", args=[version.key, number])
    # The version carries the translations and chain it had (Quote.as_version()).
    item = csl_item(version, url=url, accessed=today, version=(number, as_of))
    return for_item(item)
