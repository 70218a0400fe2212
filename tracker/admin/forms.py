"""The admin's forms: every change form knows the revision it was opened at, a published quote's
asks why it is corrected, and a retraction asks why and what replaces it."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.text import Truncator
from import_export.forms import ImportForm

from tracker import imports, languages
from tracker.models import Quote, Speaker, normalize_key

# Far longer than any passphrase; hashing a megabyte on every try would cost the server dearly.
PASSWORD_MAX_LENGTH = 4096


class SignInForm(AdminAuthenticationForm):
    """Django's sign-in form, which tells the browser the user name's limit (150 characters) but
    does not check it: a longer name reached django-axes, which records failures in a column of
    255 characters, and the sign-in answered 500. Here an over-long value is refused as any bad
    value is, before anyone is asked to authenticate it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        username = self.fields["username"]
        username.validators.append(MaxLengthValidator(username.max_length))
        self.fields["password"].validators.append(MaxLengthValidator(PASSWORD_MAX_LENGTH))


class ChosenAutocompleteSelect(AutocompleteSelect):
    """An autocomplete that names the record already chosen with the one its form's object was
    read with (ChosenRecordsForm), rather than reading it again: one query less for each such
    field of a change form."""

    chosen = None

    class Media:
        # Names each box for screen readers: Select2 leaves an empty one without a name.
        js = ["admin/js/jquery.init.js", "tracker/js/autocomplete_names.js"]

    def optgroups(self, name, value, attr=None):
        chosen = self.chosen
        selected = [v for v in value if v not in self.choices.field.empty_values]
        if selected and (chosen is None or selected != [str(chosen.pk)]):
            return super().optgroups(name, value, attr)
        # As Django renders it: an empty choice unless required, then the chosen one if any.
        options = [] if self.is_required else [self.create_option(name, "", "", False, 0)]
        if selected:
            label = self.choices.field.label_from_instance(chosen)
            options.append(self.create_option(name, chosen.pk, label, set(value), len(options)))
        return [(None, options, 0)]


class ChosenRecordsForm(forms.ModelForm):
    """Hands each autocomplete the record its object already holds (ChosenAutocompleteSelect)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            widget = getattr(field.widget, "widget", field.widget)  # inside its related links
            relation = getattr(type(self.instance), name, None)
            if isinstance(widget, ChosenAutocompleteSelect) and relation.is_cached(self.instance):
                widget.chosen = getattr(self.instance, name)


# The quote forms' role autocomplete, limited to the chosen speaker's roles (a Media's js).
ROLE_AUTOCOMPLETE = ["admin/js/jquery.init.js", "tracker/js/role_autocomplete.js"]


class LoadedRevisionField(forms.IntegerField):
    """The revision of the record that the editor's page showed, posted back with their edit."""

    widget = forms.HiddenInput

    def has_changed(self, initial, data):
        return False  # it says which version was edited; it is not an edit


class RevisionedForm(ChosenRecordsForm):
    """Refuses an edit made on a page opened before someone else saved the same record."""

    loaded_revision = LoadedRevisionField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["loaded_revision"].initial = self.instance.revision

    def clean(self):
        cleaned_data = super().clean()
        # Unchanged, the form would save what is in the database already.
        if self.instance.pk is None or not self.has_changed():
            return cleaned_data
        loaded = cleaned_data.get("loaded_revision")
        if loaded is None:
            raise ValidationError(
                "This page is out of date: open it again, then make your changes."
            )
        if loaded != self.instance.saved_revision():
            raise ValidationError(self.instance.changes_since(loaded), code="edit_conflict")
        # The model checks again as it saves, in case someone saves in between.
        self.instance.revision = loaded
        return cleaned_data


class LanguageInput(forms.TextInput):
    """A box for a language: its name or ISO 639 code, with the common languages suggested by a
    datalist (no script needed). The registry is long: any of its languages may be typed."""

    def render(self, name, value, attrs=None, renderer=None):
        suggestions = f"{(attrs or {}).get('id') or name}-languages"
        attrs = {**(attrs or {}), "list": suggestions, "autocomplete": "off"}
        box = super().render(name, value, attrs, renderer)
        options = format_html_join(
            "", '<option value="{} ({})">', ((n, code) for code, n in languages.suggestions())
        )
        return format_html('{}<datalist id="{}">{}</datalist>', box, suggestions, options)

    def format_value(self, value):
        # Shown as the suggestions name it, so that the box reads the same before and after.
        entry = languages.language(value) if value else None
        return f"{entry.name} ({value})" if entry else super().format_value(value)


TRANSLATION_FIELDS = ["language", "text", "translated_by", "outlet", "source"]


class LanguageField(forms.CharField):
    """A language read from its name or code against the ISO 639 registry, saved as its code;
    empty is "not known"."""

    widget = LanguageInput

    def to_python(self, value):
        return languages.read(super().to_python(value))


class QuoteForm(RevisionedForm):
    """Warns, before saving, of words the archive already holds for the same speaker."""

    save_anyway = forms.BooleanField(
        label="Save even if the archive has these words",
        required=False,
        help_text="Only after a warning that these words are already in the archive, when this "
        "is another statement (the speaker said them again) and not the same one twice.",
    )

    # How many of the quotes already holding the words the warning links to.
    SHOWN_ALIKE = 5

    def clean(self):
        cleaned_data = super().clean()
        text, speaker = cleaned_data.get("text"), cleaned_data.get("speaker")
        asked = {"text", "speaker"}.intersection(self.changed_data)
        if not text or not speaker or not asked or cleaned_data.get("save_anyway"):
            return cleaned_data
        alike = (
            Quote.objects.filter(speaker=speaker)
            .exclude(pk=self.instance.pk)
            .with_words_like(text)[: self.SHOWN_ALIKE]
        )
        if alike:
            links = format_html_join(
                ", ",
                '<a href="{}">{} “{}” ({})</a>',
                (
                    (
                        reverse("admin:tracker_quote_change", args=[quote.pk]),
                        quote.key,
                        Truncator(quote.text).chars(80),
                        quote.get_status_display().lower(),
                    )
                    for quote in alike
                ),
            )
            raise ValidationError(
                format_html(
                    "These words are already in the archive for {}: {}. If it is the same "
                    "statement, do not enter it again; if it is another, tick “{}” and save.",
                    speaker,
                    links,
                    self.fields["save_anyway"].label,
                ),
                code="words_in_archive",
            )
        return cleaned_data


class QuoteCorrectionForm(QuoteForm):
    correction_reason = forms.CharField(
        label="Reason for the correction",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="This quote is published: a change readers see is a dated, public correction. "
        "Say what was wrong and what is right now.",
    )

    # What the inlines posted with the form change of the quote's translations, chain and edits:
    # set by the admin (QuoteAdmin.changed_records), which reads the inlines.
    changed_records = ()

    def corrects(self):
        # The form fields whose change readers are told of (Quote.correctable_fields); the
        # editors' notes change without a correction.
        correctable = {Quote._meta.get_field(a).name for a in Quote.correctable_fields()}
        return bool(correctable.intersection(self.changed_data) or self.changed_records)

    def clean(self):
        cleaned_data = super().clean()
        reason = cleaned_data.get("correction_reason")
        if self.corrects() and not reason:
            self.add_error("correction_reason", "Say why the published quote is corrected.")
        elif reason and not self.corrects():
            self.add_error(
                "correction_reason", "Nothing readers see was changed: there is nothing to correct."
            )
        return cleaned_data


class RetractionForm(forms.Form):
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Readers see it where the quote was: say what was wrong.",
    )
    replacement = forms.CharField(
        label="Replaced by",
        required=False,
        max_length=20,
        help_text="The key of the published quote that replaces it, if there is one.",
    )
    withdraw = forms.BooleanField(
        label="Withdrawn for legal reasons",
        required=False,
        help_text="The words will be shown nowhere, earlier versions included: readers see only "
        "that the statement was retracted, when and why. Say nothing of the words in the reason.",
    )

    def clean_replacement(self):
        key = self.cleaned_data["replacement"]
        if not key:
            return None
        try:
            return Quote.objects.published().get(key=normalize_key(key))
        except Quote.DoesNotExist:
            raise ValidationError("No published quote has this key.") from None


class SpeakerMergeForm(forms.Form):
    """The record a speaker is merged into, and the revisions of both records as the chief
    editor's confirmation page showed them: an edit made since refuses the merge."""

    merged_revision = LoadedRevisionField(required=False)
    target_revision = LoadedRevisionField(required=False)

    def __init__(self, *args, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"] = forms.ModelChoiceField(
            queryset=Speaker.objects.select_related("merged_into"),
            # The quote form's speaker autocomplete, which offers only records of their own.
            widget=AutocompleteSelect(Quote._meta.get_field("speaker"), admin_site),
            label="Merge into",
            help_text="The record to keep: this speaker's quotes, roles and names move to it.",
        )
        self.order_fields(["into"])


class QuoteImportForm(ImportForm):
    """django-import-export's form, refusing before anything is read a file that is empty, too
    large, or not text at all."""

    def clean_import_file(self):
        upload = self.cleaned_data["import_file"]
        if upload.size > imports.MAX_FILE_SIZE:
            raise ValidationError(
                f"This file is {filesizeformat(upload.size)}; an import reads at most "
                f"{filesizeformat(imports.MAX_FILE_SIZE)}. Split it into several files."
            )
        head = upload.read(imports.MAX_FILE_SIZE + 1)
        upload.seek(0)
        if not head.strip():
            raise ValidationError("The file is empty: there is nothing to import.")
        try:
            text = head.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = None
        if text is None or "\x00" in text:
            raise ValidationError(
                "This is not a text file: an import reads CSV or JSON in UTF-8, as the "
                "archive's export writes it."
            )
        return upload
