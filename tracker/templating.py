"""The Jinja2 environment that draws the forms' widgets and the admin's busiest partials."""

import jinja2
from django.templatetags.static import static
from django.utils.translation import gettext, ngettext


def environment(**options):
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], **options)
    # Django's own catalogues: {% trans %} finds the msgids Django's {% blocktranslate %} uses.
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals["static"] = static
    return env
