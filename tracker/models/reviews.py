"""Changes to what readers see, waiting for a chief editor: an editor's new name for a speaker,
title for a role, title or URL for a source, name for an outlet or a nation, once a published
quote shows that record. Records no published quote shows yet stay freely editable. A nation or
a topic an editor adds is a proposal, waiting here too until a chief editor confirms it."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone


def reviewed_fields(record):
    """The fields of `record` readers see beside a published quote ("REVIEWED_FIELDS")."""
    return getattr(type(record), "REVIEWED_FIELDS", ())


def may_change_at_once(user):
    # Chief editors publish quotes; their changes to what a quote shows need no second reader.
    return user.has_perm("tracker.publish_quote")


class PendingChangeQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(status=PendingChange.Status.WAITING)

    def of(self, record):
        return self.filter(
            content_type=ContentType.objects.get_for_model(record), object_id=record.pk
        )


class PendingChange(models.Model):
    class Status(models.TextChoices):
        WAITING = "waiting", "Waiting for a chief editor"
        APPROVED = "approved"
        REJECTED = "rejected"

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.PositiveBigIntegerField()
    record = GenericForeignKey("content_type", "object_id")
    changes = models.JSONField(help_text="Each field's new value, as the editor entered it.")
    previous = models.JSONField(help_text="Each field's value when the editor changed it.")
    status = models.CharField(max_length=10, choices=Status, default=Status.WAITING)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposed_changes"
    )
    proposed_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="decided_changes",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = PendingChangeQuerySet.as_manager()

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id"], name="pendingchange_record"),
        ]

    def __str__(self):
        return f"{self.record}: {self.summary()}"

    # A proposed nation or topic: approving the change confirms it (is_confirmed).
    PROPOSAL = {"is_confirmed": True}

    def summary(self):
        model = self.content_type.model_class()
        if self.changes == self.PROPOSAL:
            return f"New {model._meta.verbose_name} proposed: approve to show it to readers"
        return "; ".join(
            f"{model._meta.get_field(name).verbose_name} “{self.previous.get(name, '')}” → "
            f"“{value}”"
            for name, value in self.changes.items()
        )

    @classmethod
    def hold(cls, record, changed, *, by):
        """Keep `record`'s changes to the fields readers see for a chief editor, and put back
        their saved values on `record`, whose other changes the caller saves. Returns the
        pending change, or None when nothing needs review."""
        names = [name for name in reviewed_fields(record) if name in changed]
        if not names or record.pk is None or may_change_at_once(by):
            return None
        if not record.is_shown_to_readers():
            return None
        saved = type(record)._base_manager.filter(pk=record.pk).values(*names).get()
        changes = {
            name: getattr(record, name) for name in names if getattr(record, name) != saved[name]
        }
        if not changes:
            return None
        for name in changes:
            setattr(record, name, saved[name])
        return cls.objects.create(
            record=record,
            changes=changes,
            previous={name: saved[name] for name in changes},
            proposed_by=by,
        )

    @classmethod
    def propose(cls, record, *, by):
        """Put `record`, a nation or topic an editor has just added unconfirmed, in the review
        queue for a chief editor to confirm. Returns the pending change, or None when it is
        confirmed already (a chief editor's own)."""
        if record.is_confirmed:
            return None
        return cls.objects.create(
            record=record,
            changes=cls.PROPOSAL,
            previous={name: not value for name, value in cls.PROPOSAL.items()},
            proposed_by=by,
        )

    def approve(self, *, by):
        """Make the change public: the record's save tells the caches (tracker/caching.py)."""
        if not may_change_at_once(by):
            raise PermissionDenied("Only a chief editor approves a change to what readers see.")
        with transaction.atomic():
            record = type(self.record)._base_manager.select_for_update().get(pk=self.object_id)
            moved = [n for n, value in self.previous.items() if getattr(record, n) != value]
            if moved:
                raise ValidationError(
                    f"The {get_field_names(record, moved)} changed since this was proposed: "
                    "reject it, and ask for a new change if one is still needed."
                )
            for name, value in self.changes.items():
                setattr(record, name, value)
            record._history_user = by
            record._change_reason = f"Approved the change proposed by {self.proposed_by}."
            record.save()
            self.decide(self.Status.APPROVED, by=by)

    def reject(self, *, by):
        if not may_change_at_once(by):
            raise PermissionDenied("Only a chief editor rejects a change to what readers see.")
        self.decide(self.Status.REJECTED, by=by)

    def decide(self, status, *, by):
        if self.status != self.Status.WAITING:
            raise ValidationError("This change was decided already.")
        self.status, self.decided_by, self.decided_at = status, by, timezone.now()
        self.save(update_fields=["status", "decided_by", "decided_at"])


def get_field_names(record, names):
    return ", ".join(str(record._meta.get_field(name).verbose_name) for name in names)
