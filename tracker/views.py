from django.shortcuts import render


def home(request):
    return render(request, "tracker/home.html", {})


def quote_detail(request, key):
    raise NotImplementedError


speaker_detail = nation_detail = source_detail = topic_detail = quote_detail
