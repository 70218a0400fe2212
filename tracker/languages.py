"""Languages, from the ISO 639 registry (pycountry): any language a statement was made or
published in, with no code change to add one. A language is stored as its BCP 47 tag, the code
HTML's `lang` attribute takes: the two-letter ISO 639-1 code where the language has one ("da"),
else the three-letter ISO 639-3 code ("szl"). An empty code means "not known"."""

import gettext
from functools import cache

import pycountry
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext as translate

NOT_KNOWN = ""


def language(code):
    """The registry's entry for `code` (a stored code, a three-letter code or an English name),
    or None."""
    typed = (code or "").strip().lower()
    if not typed:
        return None
    # Codes first: a two-letter code is no one's name, but "En" is the name of a language.
    for key in ("alpha_2", "alpha_3", "bibliographic"):
        if len(typed) == len("en" if key == "alpha_2" else "eng"):
            entry = pycountry.languages.get(**{key: typed})
            if entry is not None:
                return entry
    try:
        return pycountry.languages.lookup(typed)
    except LookupError:
        return None


def code_of(entry):
    return getattr(entry, "alpha_2", None) or entry.alpha_3


def name_of(code):
    """The language's name in the interface's language (English outside a reader's request:
    the admin, the API, exports), "not known" for none, or the code itself if unknown."""
    if not code:
        return translate("not known")
    entry = language(code)
    if entry is None:
        return code
    interface = get_language() or settings.LANGUAGE_CODE
    if interface == settings.LANGUAGE_CODE:
        return entry.name
    name = registry_names(interface)(entry.name)
    # French writes the names of languages in lower case: "publié en anglais".
    return name.lower() if interface == "fr" else name


@cache
def registry_names(interface):
    """The registry's names translated into `interface`, by pycountry's own catalogue of
    ISO 639-3 names: a function from an English name to the translated one."""
    try:
        return gettext.translation("iso639-3", pycountry.LOCALES_DIR, languages=[interface]).gettext
    except OSError:  # no catalogue for that language: the English names
        return str


def read(typed):
    """The code for a language as an editor or a reader typed it: "da", "dan", "Danish", or
    "Danish (da)" as the admin's suggestions show it. Raises ValidationError for anything the
    registry does not know."""
    typed = (typed or "").strip()
    if not typed:
        return NOT_KNOWN
    if typed.endswith(")") and "(" in typed:
        typed = typed.rsplit("(", 1)[1].rstrip(")").strip()
    entry = language(typed)
    if entry is None:
        raise ValidationError(
            f"“{typed[:40]}” is not a language of the ISO 639 registry: type its name in English "
            "(“Danish”) or its code (“da”, or three letters such as “szl”), or leave it empty "
            "when it is not known.",
            code="unknown_language",
        )
    return code_of(entry)


def validate_language(code):
    """A stored code must be the registry's own code for its language."""
    if code and read(code) != code:
        raise ValidationError(
            f"“{code}” is not the ISO 639 code of a language: the code is “{read(code)}”.",
            code="unknown_language",
        )


@cache
def suggestions():
    """What the language boxes suggest, by name: the languages with a two-letter code. The
    registry's other seven thousand are accepted as typed, by name or code."""
    entries = [entry for entry in pycountry.languages if hasattr(entry, "alpha_2")]
    return sorted(((entry.alpha_2, entry.name) for entry in entries), key=lambda pair: pair[1])
