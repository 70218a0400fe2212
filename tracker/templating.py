"""The Jinja2 environment that draws the forms' widgets and the quote cards."""

import jinja2
from django.templatetags.static import static
from django.utils.translation import gettext, ngettext


def environment(**options):
    env = jinja2.Environment(extensions=["jinja2.ext.i18n"], **options)
    # Django's own catalogues: {% trans %} finds the msgids Django's {% blocktranslate %} uses.
    env.install_gettext_callables(gettext, ngettext, newstyle=True)
    env.globals["static"] = static
    # Imported here: the template tags read the models, which are not ready when settings load.
    from tracker.templatetags.tracker import highlight, web_address

    env.filters.update(highlight=highlight, web_address=web_address)
    return env
