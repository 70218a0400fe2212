from django.urls import path

from tracker.api import views

app_name = "api"

# Record URLs take any text (<str:>), so that one naming nothing is the API's own JSON 404, as
# the description says, not the site's HTML one.
urlpatterns = [
    path("", views.Index.as_view(), name="index"),
    path("quotes/", views.QuoteList.as_view(), name="quote_list"),
    path("quotes/<str:key>/", views.QuoteDetail.as_view(), name="quote_detail"),
    path("speakers/", views.SpeakerList.as_view(), name="speaker_list"),
    path("speakers/<str:slug>/", views.SpeakerDetail.as_view(), name="speaker_detail"),
    path("nations/", views.NationList.as_view(), name="nation_list"),
    path("nations/<str:code>/", views.NationDetail.as_view(), name="nation_detail"),
    path("sources/<str:key>/", views.SourceDetail.as_view(), name="source_detail"),
    path("topics/", views.TopicList.as_view(), name="topic_list"),
    path("topics/<str:slug>/", views.TopicDetail.as_view(), name="topic_detail"),
    path("schema/", views.Description.as_view(), name="schema"),
]
