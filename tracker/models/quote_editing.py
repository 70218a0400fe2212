"""What editors do to a quote: send it for review, publish, retract, withdraw and correct it,
and the versions readers saw between corrections."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.text import get_text_list


class QuoteEditing:
    """The editorial verbs of Quote (tracker/models/quotes.py)."""

    # Editorial verbs. Each checks who may do it, so the rule holds outside the admin too.

    def submit_for_review(self, *, by):
        if self.status != self.Status.DRAFT:
            raise ValidationError("Only a draft can be sent for review.")
        self._change_status(self.Status.REVIEW, by=by, reason="Sent for review")

    def publish(self, *, by):
        if not by.has_perm("tracker.publish_quote"):
            raise PermissionDenied("Only a chief editor can publish a quote.")
        if self.status not in self.DELETABLE_STATUSES:
            raise ValidationError(f"This quote is {self.get_status_display().lower()} already.")
        if self.kind == self.Kind.INDIRECT and not self.names_an_intermediary():
            raise ValidationError(self.INDIRECT_WITHOUT_INTERMEDIARY)
        if named := self.proposed_records_named():
            raise ValidationError(
                f"An editor proposed {named}, not yet confirmed: a chief editor confirms it in "
                "the review queue (Pending changes) first; the quote stays a draft until then."
            )
        self.published_at = timezone.now()
        self._change_status(self.Status.PUBLISHED, by=by, reason="Published")
        from tracker import alerts  # readers who asked to hear at once are mailed

        alerts.quote_published()

    INDIRECT_WITHOUT_INTERMEDIARY = (
        "An indirect quote names who passed the words on: add a link to its attribution chain "
        "pointing at an intermediary (“citing” a government source, unnamed officials)."
    )

    def names_an_intermediary(self, links=None):
        """Whether the chain names an intermediary: the stored links, or `links` as entered."""
        if links is None:
            return self.attribution_links.filter(intermediary__isnull=False).exists()
        return any(link.intermediary_id for link in links)

    def proposed_records(self):
        """The nations and topic this quote shows that no chief editor has confirmed yet: it
        stays a draft until they are (PendingChange.propose)."""
        nations = [self.nation, self.speaker.nation, self.role and self.role.nation]
        topic = self.stance and self.stance.topic
        shown = dict.fromkeys(record for record in [*nations, topic] if record is not None)
        return [record for record in shown if not record.is_confirmed]

    def proposed_records_named(self):
        """proposed_records() in words: "the nation “Denmark” and the topic “Greenland”"."""
        proposed = self.proposed_records()
        return get_text_list([f"the {r._meta.verbose_name} “{r}”" for r in proposed], "and")

    def retract(self, *, reason, by, replaced_by=None, withdraw=False):
        """Retract the quote: its address says it was retracted, when and why. With
        `withdraw`, a legal withdrawal: the words are shown nowhere either (withdraw())."""
        if not by.has_perm("tracker.retract_quote"):
            raise PermissionDenied("Only a chief editor can retract a quote.")
        if self.status != self.Status.PUBLISHED:
            raise ValidationError("Only a published quote can be retracted.")
        if not reason or not reason.strip():
            raise ValidationError("Say why the quote is retracted: readers will see the reason.")
        if replaced_by is not None and replaced_by.pk == self.pk:
            raise ValidationError("A quote cannot replace itself.")
        self.retracted_at = timezone.now()
        self.retraction_reason = reason.strip()
        self.replaced_by = replaced_by
        self.is_withdrawn = withdraw
        self._change_status(self.Status.RETRACTED, by=by, reason=f"Retracted: {reason.strip()}")

    def withdraw(self, *, by):
        """A legal withdrawal of a retracted quote: its words leave every public page, feed,
        export and API answer, its earlier versions included; the notice of its retraction
        stays at its address. Editors still see the words in the admin."""
        if not by.has_perm("tracker.retract_quote"):
            raise PermissionDenied("Only a chief editor can withdraw a quote's words.")
        if self.status != self.Status.RETRACTED:
            raise ValidationError("Only a retracted quote's words can be withdrawn: retract it.")
        self.is_withdrawn = True
        self._change_status(self.Status.RETRACTED, by=by, reason="Withdrawn for legal reasons")

    # What keeps the record's own workings, not what readers cite: changing it is no correction.
    # Every other field is, so a new field needs a public correction unless it is named here.
    NOT_CORRECTED = {
        "id",
        "key",
        "status",
        "published_at",
        "retracted_at",
        "retraction_reason",
        "is_withdrawn",
        "replaced_by",
        "notes",
        "created_at",
        "updated_at",
        "search_text",
        "search_vector",
        "revision",
    }
    # How readers are told a field changed, where its verbose name would not do.
    CORRECTION_LABELS = {
        "text": "words",
        "responds_to": "statement it answers",
        "said_on": "date",
        "said_on_latest": "latest possible date",
        "said_on_precision": "date precision",
        "said_on_note": "note on the date",
        "verification": "verification level",
    }
    # Records of their own that readers see as part of the quote: a change to any of them, on a
    # published quote, is a correction too (the admin's inlines; correct(changed_records=...)).
    CORRECTED_RECORDS = {
        "translations": "translation",
        "attribution_links": "attribution chain",
        "word_edits": "edits to the words",
    }

    @classmethod
    def correctable_fields(cls):
        """{attname: label} of every field whose change to a published quote is a correction."""
        return {
            field.attname: cls.CORRECTION_LABELS.get(field.name, str(field.verbose_name))
            for field in cls._meta.concrete_fields
            if field.name not in cls.NOT_CORRECTED
        }

    def correct(self, *, note, by, changed_records=()):
        """Save the changes made to this published quote as a dated, public correction.
        `changed_records` names what else changed with it (the CORRECTED_RECORDS' labels:
        "attribution chain"), saved in the same transaction by the caller."""
        if not by.has_perm("tracker.correct_quote"):
            raise PermissionDenied("Only a chief editor can correct a published quote.")
        if self.status != self.Status.PUBLISHED:
            raise ValidationError("Only a published quote can be corrected.")
        if not note or not note.strip():
            raise ValidationError("Say what was corrected and why: readers will see the note.")
        stored = type(self).objects.get(pk=self.pk)
        changed = [
            label
            for field, label in self.correctable_fields().items()
            if getattr(stored, field) != getattr(self, field)
        ]
        changed += list(changed_records)
        if not changed:
            raise ValidationError("Nothing was changed, so there is nothing to correct.")
        self._history_user = by
        self._change_reason = f"Corrected: {note.strip()}"
        self.save()
        return self.corrections.create(
            version=self.corrections.count() + 2,
            note=note.strip(),
            changed=", ".join(changed),
            corrected_by=by,
        )

    def public_versions(self):
        """The quote as readers saw it: as first published, then after each correction."""
        records = list(self.history.order_by("history_date", "history_id"))
        versions = []
        for record in records:
            if (not versions and record.status == self.Status.PUBLISHED) or (
                versions and (record.history_change_reason or "").startswith("Corrected:")
            ):
                versions.append(record)
        return versions

    # What a version shows besides the quote's own fields: records of their own, each with its
    # own history, and what each of them shows in turn.
    VERSION_RECORDS = (
        "translations__outlet",
        "translations__source__outlet",
        "attribution_links__outlet",
        "attribution_links__source__outlet",
        "attribution_links__event",
        "attribution_links__intermediary__nation",
    )

    def as_version(self, record, *, is_current):
        """The quote as `record` (one of public_versions()) shows it, with the translations,
        attribution chain and edits to the words it had then, so that a version page shows a
        citer the same words, chain and translation for years. Each of those records keeps its
        own history, read as of the moment the version was made: a correction saves them before
        the quote (Quote.correct(changed_records=...)), so the version includes them. The
        current version has them as they stand, as the permalink does: once the quote is
        published they change only by a correction."""
        version = record.instance
        moment = timezone.now() if is_current else record.history_date
        as_of = {
            name: self._meta.get_field(name).related_model.history.as_of(moment)
            for name in self.CORRECTED_RECORDS
        }
        models.prefetch_related_objects(
            [version],
            models.Prefetch("translations", queryset=as_of["translations"].order_by("id")),
            *(
                models.Prefetch(name, queryset=as_of[name].order_by("position", "id"))
                for name in ("attribution_links", "word_edits")
            ),
            *self.VERSION_RECORDS,
        )
        return version

    def _change_status(self, status, *, by, reason):
        self.status = status
        self._history_user = by
        self._change_reason = reason
        with transaction.atomic():
            self.save()

    def can_be_changed_by(self, user):
        """Drafts change freely; published words only as a chief editor's correction; retracted never."""
        if self.status in self.DELETABLE_STATUSES:
            return True
        return self.status == self.Status.PUBLISHED and user.has_perm("tracker.correct_quote")
