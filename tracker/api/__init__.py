"""The read-only public JSON API: the published archive, the pages' filters, an OpenAPI description.

/api/quotes/ takes exactly the parameters of /quotes/ (QuoteFilter) and pages with a cursor in
the order they ask for. Drafts never appear; a retracted quote's URL answers 410 with why.
serializers.py says what each answer holds, views.py which records it holds, pagination.py how
a list is paged, errors.py what a request that cannot be met gets back; urls.py routes them.
"""
