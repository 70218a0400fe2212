"""What every record shares: permanent keys, the editors' user, and saves that tell the caches
(tracker/caching.py) and the search text (tracker/search.py) what changed."""

import secrets

from django.apps import apps
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, router, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import get_text_list

from tracker import caching, search

# Crockford's base 32: no I, L, O or U, so a key read aloud or retyped survives.
KEY_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"
KEY_LENGTH = 8
_KEY_READING = str.maketrans({"o": "0", "i": "1", "l": "1"})


def normalize_key(raw):
    """The canonical form of a key as a person may type it: any case, O for 0, I or L for 1."""
    return raw.strip().lower().replace("-", "").translate(_KEY_READING)


def keys_one_edit_away(key):
    """Every key one typing error away from `key` (a letter changed, missing, added, or two
    swapped): about 550 for a key of eight letters, few enough for one indexed IN query."""
    if abs(len(key) - KEY_LENGTH) > 1:
        return set()
    splits = [(key[:i], key[i:]) for i in range(len(key) + 1)]
    edits = {left + right[1:] for left, right in splits if right}
    edits |= {left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1}
    edits |= {
        left + letter + right[1:] for left, right in splits if right for letter in KEY_ALPHABET
    }
    edits |= {left + letter + right for left, right in splits for letter in KEY_ALPHABET}
    return {edit for edit in edits if len(edit) == KEY_LENGTH and edit != key}


def random_key():
    return "".join(secrets.choice(KEY_ALPHABET) for _ in range(KEY_LENGTH))


def _unused_key(model_name):
    # A key is never reused, not even one of a draft deleted long ago: the history remembers it.
    model = apps.get_model("tracker", model_name)
    while True:
        key = random_key()
        if (
            not model.objects.filter(key=key).exists()
            and not model.history.filter(key=key).exists()
        ):
            return key


def new_quote_key():
    return _unused_key("Quote")


def new_source_key():
    return _unused_key("Source")


def choice_label(choices, value):
    """What get_FOO_display() gives for `value` of a field whose choices are `choices` (a
    TextChoices class): its label, or the value itself when it is none of them. Django's own
    builds and hashes every label of the field on each call, and a card asks several times:
    a fifth of the time of a list page rendered afresh."""
    try:
        return str(choices(value).label)
    except ValueError:
        return value


class User(AbstractUser):
    pass


class ArchiveRecord(models.Model):
    """A record readers may see: saving or deleting it changes the versions of what shows it,
    and the search text of the quotes that name it."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        searched = search.searched_values(self)
        super().save(*args, **kwargs)
        search.refresh_if_changed(self, searched)
        self.changed_for_readers()

    def delete(self, *args, **kwargs):
        result = super().delete(*args, **kwargs)
        self.changed_for_readers()
        return result

    def changed_for_readers(self):
        caching.record_changed(self)


class PublishedRecordDeletion(PermissionDenied):
    """Published records are corrected or retracted, never deleted."""


class EditConflict(ValidationError):
    """Someone saved the record after this copy of it was loaded: saving would overwrite them."""


class RevisionedRecord(models.Model):
    """A record two editors may have open at once, where the second save must not win silently.

    Each save through the model moves `revision` on by one with a conditional UPDATE, in the
    transaction of the save itself. If the row is no longer at the revision this copy was
    loaded at (in the admin: the revision the editor's page was rendered at), someone saved in
    between, and the save raises EditConflict saying who changed what. QuerySet.update() and
    bulk_update() are not edits and leave the revision alone.
    """

    revision = models.PositiveIntegerField(
        default=1,
        editable=False,
        help_text="How many times this record was saved: an edit of an older revision is refused.",
    )

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self._state.adding or self.pk is None:
            return super().save(*args, **kwargs)
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            # The UPDATE locks the row: a second editor's save waits for this one, then finds
            # the revision moved on and claims nothing.
            claimed = (
                type(self)
                ._base_manager.using(using)
                .filter(pk=self.pk, revision=self.revision)
                .update(revision=F("revision") + 1)
            )
            if not claimed:
                raise EditConflict(self.changes_since(self.revision), code="edit_conflict")
            self.revision += 1
            try:
                return super().save(*args, **kwargs)
            except BaseException:
                self.revision -= 1  # rolled back with the transaction
                raise

    def saved_revision(self):
        """The revision in the database now; inside a transaction, locked until it ends."""
        using = router.db_for_write(type(self), instance=self)
        rows = type(self)._base_manager.using(using).filter(pk=self.pk)
        if transaction.get_connection(using).in_atomic_block:
            rows = rows.select_for_update()
        return rows.values_list("revision", flat=True).first()

    def changes_since(self, revision):
        """Who saved this record after `revision`, when, and what they changed, for an editor."""
        noun = self._meta.verbose_name
        again = (
            "Nothing you entered was saved, so nothing of theirs was overwritten: "
            f"open the {noun} again to see it as it is now, then make your changes again."
        )
        if not type(self)._base_manager.filter(pk=self.pk).exists():
            return f"This {noun} was deleted after you opened it: nothing was saved."
        versions = self.history.order_by("history_date", "history_id")
        later = list(versions.filter(revision__gt=revision).select_related("history_user"))
        if not later:
            return f"This {noun} was saved again after you opened it. {again}"
        who = get_text_list(
            list(dict.fromkeys(str(v.history_user or "someone") for v in later)), "and"
        )
        when = timezone.localtime(later[-1].history_date).strftime("%-d %b %Y at %H:%M %Z")
        opened = versions.filter(revision=revision).last()
        changed = []
        if opened is not None:
            changed = [
                str(self._meta.get_field(change.field).verbose_name)
                for change in later[-1].diff_against(opened).changes
            ]
        what = f"changed its {get_text_list(changed, 'and')}" if changed else "saved it"
        return f"This {noun} was saved again after you opened it: {who} {what} on {when}. {again}"


class NotedRecord(models.Model):
    """A record with two notes: one readers see on its page, one only editors see."""

    public_note = models.TextField(
        "public note",
        blank=True,
        help_text="Shown to readers on this record's page: what they should know of it.",
    )
    notes = models.TextField(
        "editors' notes",
        blank=True,
        help_text="For editors only, never shown to readers: how it was checked, what is "
        "doubtful, who to ask. No personal e-mail addresses or file paths in the public note.",
    )

    class Meta:
        abstract = True


class Language(models.TextChoices):
    # Names for the codes the code itself uses (defaults, the benchmark's generator): not a
    # limit. A record may be in any language of the ISO 639 registry (tracker/languages.py).
    ENGLISH = "en", "English"
    FRENCH = "fr", "French"
    GERMAN = "de", "German"
    SPANISH = "es", "Spanish"
    ITALIAN = "it", "Italian"
    POLISH = "pl", "Polish"
    DUTCH = "nl", "Dutch"
    SWEDISH = "sv", "Swedish"
    UKRAINIAN = "uk", "Ukrainian"
    RUSSIAN = "ru", "Russian"
