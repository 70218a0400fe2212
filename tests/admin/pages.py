"""The admin pages a test opens, and what a browser posts back from them."""

from django.urls import reverse

QUOTE_LIST = reverse("admin:tracker_quote_changelist")
SOURCE_LIST = reverse("admin:tracker_source_changelist")


def quote_page(quote):
    return reverse("admin:tracker_quote_change", args=[quote.pk])


def source_page(source):
    return reverse("admin:tracker_source_change", args=[source.pk])


def history_of(quote):
    return reverse("admin:tracker_quote_history", args=[quote.pk])


def posted_back(response, **changes):
    """What a browser posts back from a rendered admin form page, with `changes` on top."""
    data = {"_save": "Save"}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        management = {**formset.management_form.initial, "TOTAL_FORMS": len(formset.initial_forms)}
        data.update({f"{formset.prefix}-{name}": value for name, value in management.items()})
        forms += formset.initial_forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value is not None and value is not False:
                data[form.add_prefix(name)] = value
    data.update(changes)
    return data


def run_action(client, action, quotes, *, confirm=None):
    """Run an action on the quote list; with `confirm`, answer its confirmation page too."""
    data = {"action": action, "_selected_action": [quote.pk for quote in quotes]}
    data.update({"index": 0} if confirm is None else {"post": "yes", **confirm})
    return client.post(QUOTE_LIST, data, follow=True)


def changed_by(user):
    """The "Changed by" cell of a History page, not the "Welcome, <name>" of its header."""
    return f'<a href="{reverse("admin:tracker_user_change", args=[user.pk])}">{user}</a>'


def listed(response):
    """The quotes (or sources) a change list shows, by their words (or titles)."""
    assert response.status_code == 200
    return {quote.text for quote in response.context["cl"].result_list}
