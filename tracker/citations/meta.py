"""Metadata in pages: schema.org structured data (JSON-LD), the <meta> tags reference
managers read, and COinS."""

import json
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.safestring import mark_safe

from tracker.citations.items import SITE_NAME, iso_date, meta_author
from tracker.models import AttributionLink, Speaker


def json_ld(quote, *, url, base_url):
    """The quote as a schema.org Quotation: who said it, when, where we read it."""
    speaker = quote.speaker
    creator = {
        "@type": "Person" if speaker.kind == Speaker.Kind.PERSON else "Organization",
        "name": speaker.name,
        "url": base_url + speaker.get_absolute_url(),
    }
    if quote.role_id:
        creator["jobTitle"] = quote.role.title
    if speaker.description:
        creator["description"] = speaker.description
    if speaker.kind == Speaker.Kind.PERSON and speaker.family_name:
        creator["familyName"] = speaker.family_name
        if speaker.given_name:
            creator["givenName"] = speaker.given_name
    if aliases := speaker.alias_names():
        creator["alternateName"] = aliases
    data = {
        "@context": "https://schema.org",
        "@type": "Quotation",
        "@id": url,
        "url": url,
        "text": quote.text,
        "inLanguage": quote.language,
        "creator": creator,
        "dateCreated": iso_date(quote.said_on_dates.csl()),
        # When it was said, as precisely as it is known, in EDTF (tracker/models/dates.py).
        "temporalCoverage": quote.said_on_edtf,
        "isBasedOn": _creative_work(quote.source),
        "about": {
            "@type": "Thing",
            "name": quote.stance.topic.name,
            "url": base_url + quote.stance.topic.get_absolute_url(),
        },
        "publisher": {"@type": "Organization", "name": SITE_NAME, "url": base_url + "/"},
    }
    if quote.published_at:
        data["datePublished"] = timezone.localdate(quote.published_at).isoformat()
    data.update(_chain(quote, base_url=base_url))
    described = [quote.get_verification_display() + "."]
    described += [
        f"{edit.get_kind_display()}: {edit.explanation}" for edit in quote.word_edits.all()
    ]
    data["description"] = " ".join(described)
    translations = [_translation(t, url=url, base_url=base_url) for t in quote.translations.all()]
    if translations:
        data["workTranslation"] = translations[0] if len(translations) == 1 else translations
    return data


def _chain(quote, *, base_url):
    """The attribution chain in schema.org's words: where it was said (recordedAt), the works
    the one we read is based on, innermost first reported (isBasedOn, nested), and the works
    that also reported it (citation)."""
    Relation = AttributionLink.Relation
    data, based_on, also = {}, [], []
    for link in quote.chain():
        if link.relation == Relation.SAID_AT and link.event_id:
            data["recordedAt"] = _event(link.event, base_url=base_url)
        elif link.relation == Relation.ALSO_REPORTED_BY:
            also.append(_link_work(link, base_url=base_url))
        else:
            based_on.append(_link_work(link, base_url=base_url))
    # based_on ends with where we read it; each work is based on the one before it.
    work = based_on.pop()
    data["isBasedOn"] = work
    for earlier in reversed(based_on):
        work["isBasedOn"] = earlier
        work = earlier
    if also:
        data["citation"] = also
    return data


def _event(event, *, base_url):
    return {"@type": "Event", "name": event.name, "url": base_url + event.get_absolute_url()}


def _link_work(link, *, base_url):
    if link.source_id:
        return _creative_work(link.source)
    if link.outlet_id:
        publisher = {"@type": "Organization", "name": link.outlet.name}
        if link.outlet.home_url:
            publisher["url"] = link.outlet.home_url
        return {"@type": "CreativeWork", "publisher": publisher}
    if link.event_id:
        return {"@type": "CreativeWork", "recordedAt": _event(link.event, base_url=base_url)}
    # An intermediary has no work of its own: what they said, as reported.
    return {"@type": "CreativeWork", "description": f"Words passed on by {link.intermediary}"}


def _translation(translation, *, url, base_url):
    """A translation as a schema.org Quotation: who translated it (our editors say so) and
    where it was published."""
    work = {
        "@type": "Quotation",
        "text": translation.text,
        "inLanguage": translation.language,
        "translationOfWork": {"@id": url},
        "description": translation.credit,
    }
    if translation.is_by_archive:
        work["translator"] = {"@type": "Organization", "name": SITE_NAME, "url": base_url + "/"}
    elif translation.outlet_id:
        work["translator"] = {"@type": "Organization", "name": translation.outlet.name}
    if translation.source_id:
        work["isPartOf"] = _creative_work(translation.source)
    return work


def _creative_work(source):
    work = {
        "@type": "CreativeWork",
        # A title an editor supplied is a description of the item, not its name.
        "description" if source.is_title_supplied else "name": source.title,
        "inLanguage": source.language,
        "publisher": {"@type": "Organization", "name": source.outlet.name},
    }
    if source.outlet.home_url:
        work["publisher"]["url"] = source.outlet.home_url
    if source.url:
        work["url"] = source.url
    if source.archived_url:
        work["archivedAt"] = source.archived_url
    if source.published_on:
        work["datePublished"] = source.published_dates.html_datetime()
    if source.author_list:
        work["author"] = [{"@type": "Person", "name": name} for name in source.author_list]
    return work


# As Django's json_script escapes: no "<", ">" or "&" survives, so no "</script>" either.
_SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def script_json(data):
    """JSON safe to put between <script> tags, whatever the quote's words are."""
    return mark_safe(json.dumps(data, ensure_ascii=False).translate(_SCRIPT_ESCAPES))


# The item type Zotero's Embedded Metadata translator gives each CSL type, by DC.type and
# og:type (docs/citing.md): a statement is a web page whose website type is its kind.
_PAGE_TYPES = {"webpage": (None, "website"), "article-newspaper": ("newspaperArticle", "article")}


def meta_tags(item):
    """The <meta> tags reference managers read, as (attribute, name, content): the item's
    title, creators, date, URL, language and abstract, its type and its site."""
    dc_type, og_type = _PAGE_TYPES[item["type"]]
    tags = [("name", "citation_title", item["title"])]
    for name in item.get("author", []):
        tags.append(("name", "citation_author", meta_author({"author": [name]})))
    if "issued" in item:
        tags.append(("name", "citation_date", iso_date(item["issued"])))
    if "URL" in item:
        tags.append(("name", "citation_public_url", item["URL"]))
    tags.append(("name", "citation_language", item["language"]))
    if "abstract" in item:
        tags.append(("name", "citation_abstract", item["abstract"]))
        tags.append(("property", "og:description", item["abstract"]))
    tags += [
        ("name", "DC.type", dc_type or item["genre"]),
        ("property", "og:type", og_type),
        ("property", "og:site_name", item["container-title"]),
    ]
    return [{"attribute": a, "name": n, "content": c} for a, n, c in tags]


def coins(item):
    """The item as a COinS span's title (an OpenURL ContextObject in Dublin Core, which
    Zotero's COinS translator reads as a web page): one per statement on a list page, so
    that a reader can save several at once."""
    fields = [
        ("ctx_ver", "Z39.88-2004"),
        ("rft_val_fmt", "info:ofi/fmt:kev:mtx:dc"),
        ("rfr_id", "info:sid/ontherecord"),
        ("rft.type", item.get("genre", "")),
        ("rft.title", item["title"]),
        *(("rft.creator", meta_author({"author": [name]})) for name in item.get("author", [])),
        ("rft.date", iso_date(item["issued"]) if "issued" in item else ""),
        ("rft.source", item["container-title"]),
        ("rft.identifier", item.get("URL", "")),
        ("rft.description", item.get("abstract", "")),
        ("rft.language", item["language"]),
    ]
    return urlencode([(key, value) for key, value in fields if value])
