from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, re_path, register_converter
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from tracker import alerts, feeds, views
from tracker.sitemaps import SITEMAPS


class KeyConverter:
    """A permalink key as a person may type it: letters and digits in any case, dashes between.

    At least one letter or digit, so that the canonical form a typed key redirects to is never empty.
    """

    regex = "-*[0-9A-Za-z][0-9A-Za-z-]*"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(KeyConverter, "key")

# A database that cannot be reached answers 503, not 500 (tracker/views/errors.py).
handler400 = "tracker.views.bad_request"
handler500 = "tracker.views.server_error"

# What machines read, and what citers and other sites link to, has one URL in every language:
# feeds, citations, the embed, share images, WARC copies, the CSV, robots.txt, sitemaps, the API
# and the admin (all in English). Listed first: "q/<key>/cite.bib" is not a longer permalink.
urlpatterns = [
    path("quotes/feed.atom", feeds.QuoteFeed(), name="quote_feed"),
    path("corrections/feed.atom", feeds.CorrectionFeed(), name="correction_feed"),
    path("people/<slug:key>/feed.atom", feeds.SpeakerFeed(), name="speaker_feed"),
    path("nations/<str:key>/feed.atom", feeds.NationFeed(), name="nation_feed"),
    path("topics/<slug:key>/feed.atom", feeds.TopicFeed(), name="topic_feed"),
    path("q/<key:key>/cite.<str:fmt>", views.quote_citation, name="quote_citation"),
    path("q/<key:key>/embed", views.quote_embed, name="quote_embed"),
    path("q/<key:key>/card.png", views.quote_share_card, name="quote_share_card"),
    path("sources/<str:key>/copies/<int:pk>.warc.gz", views.snapshot_warc, name="snapshot_warc"),
    path("quotes.csv", views.quote_csv, name="quote_csv"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("sitemap.xml", views.sitemap_index, name="sitemap_index"),
    path(
        "sitemap-<section>.xml",
        sitemap_views.sitemap,
        {"sitemaps": SITEMAPS},
        name="django.contrib.sitemaps.views.sitemap",
    ),
    path("api/", include("tracker.api.urls")),
    path("admin/", admin.site.urls),
]

# The pages, in English at the URLs they always had, and in French and German under /fr/ and
# /de/: every permalink and link already given keeps working, and each language has URLs of its
# own for search engines (the hreflang alternates in base.html).
urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("quotes/", views.quote_list, name="quote_list"),
    path("corrections/", views.correction_list, name="correction_list"),
    path("q/<key:key>/", views.quote_detail, name="quote_detail"),
    path("q/<key:key>/v/<int:number>/", views.quote_version, name="quote_version"),
    path("q/<key:key>/<path:rest>", views.quote_redirect),
    path("q/<key:key>", views.quote_redirect),
    path("quotes/<key:key>/", views.quote_redirect),
    path("people/", views.speaker_list, name="speaker_list"),
    path("nations/", views.nation_list, name="nation_list"),
    path("outlets/", views.outlet_list, name="outlet_list"),
    path("sources/", views.source_list, name="source_list"),
    path("topics/", views.topic_list, name="topic_list"),
    path("events/", views.event_list, name="event_list"),
    path("events/<slug:slug>/", views.event_detail, name="event_detail"),
    path("methodology/", views.methodology, name="methodology"),
    path("people/<slug:slug>/", views.speaker_detail, name="speaker_detail"),
    path("nations/<str:code>/", views.nation_detail, name="nation_detail"),
    path("sources/<key:key>/", views.source_detail, name="source_detail"),
    path("sources/<str:key>/copies/<int:pk>/", views.snapshot_detail, name="snapshot_detail"),
    path("alerts/", alerts.subscription_new, name="subscription_new"),
    path("alerts/confirm/<str:token>/", alerts.subscription_confirm, name="subscription_confirm"),
    path(
        "alerts/unsubscribe/<str:token>/",
        alerts.subscription_unsubscribe,
        name="subscription_unsubscribe",
    ),
    path("topics/<slug:slug>/", views.topic_detail, name="topic_detail"),
    path("outlets/<slug:slug>/", views.outlet_detail, name="outlet_detail"),
    path("dates/", views.date_list, name="date_list"),
    re_path(
        r"^dates/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/$", views.date_month, name="date_month"
    ),
    re_path(
        r"^dates/(?P<year>[0-9]{4})/(?P<month>[0-9]{2})/(?P<day>[0-9]{2})/$",
        views.date_day,
        name="date_day",
    ),
    # The language switcher's form is on every cached public page, which can hold no reader's
    # CSRF token (a cookie). It only redirects to the page in the chosen language and sets a
    # language cookie that no page reads (the URL decides), so a forged request changes nothing.
    # Under the page's own prefix: set_language finds the page it came from in its language.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    prefix_default_language=False,
)
