"""The archive's records: who said what, when, where we read it, and what it commits to."""

from tracker.models.alerts import Subscription
from tracker.models.attribution import AttributionLink, Intermediary, WordEdit
from tracker.models.base import (
    KEY_ALPHABET,
    KEY_LENGTH,
    ArchiveRecord,
    EditConflict,
    Language,
    NotedRecord,
    PublishedRecordDeletion,
    RevisionedRecord,
    User,
    new_quote_key,
    new_source_key,
    normalize_key,
    random_key,
)
from tracker.models.corrections import (
    Correction,
    CorrectionQuerySet,
    Notice,
    notices,
    public_notices,
)
from tracker.models.counts import MonthCount, NationSpeakerCount, NationStanceCount
from tracker.models.figures import Figure
from tracker.models.people import Alias, Nation, NationQuerySet, Role, Speaker, SpeakerQuerySet
from tracker.models.quote_queries import QUOTE_PATHS, QuoteQuerySet
from tracker.models.quotes import Quote, with_published_quotes, with_quote_counts
from tracker.models.reviews import PendingChange, PendingChangeQuerySet
from tracker.models.snapshots import LinkCheck, LinkStatus, Snapshot
from tracker.models.sources import Outlet, Source
from tracker.models.topics import NO_POSITION, Event, Stance, StanceManager, Topic, TopicQuerySet
from tracker.models.translations import Translation

__all__ = [
    "KEY_ALPHABET",
    "KEY_LENGTH",
    "NO_POSITION",
    "QUOTE_PATHS",
    "Alias",
    "ArchiveRecord",
    "AttributionLink",
    "Correction",
    "CorrectionQuerySet",
    "EditConflict",
    "Event",
    "Figure",
    "Intermediary",
    "Language",
    "LinkCheck",
    "LinkStatus",
    "MonthCount",
    "Nation",
    "NationQuerySet",
    "NationSpeakerCount",
    "NationStanceCount",
    "NotedRecord",
    "Notice",
    "Outlet",
    "PendingChange",
    "PendingChangeQuerySet",
    "PublishedRecordDeletion",
    "Quote",
    "QuoteQuerySet",
    "RevisionedRecord",
    "Role",
    "Snapshot",
    "Source",
    "Speaker",
    "SpeakerQuerySet",
    "Stance",
    "StanceManager",
    "Subscription",
    "Topic",
    "TopicQuerySet",
    "Translation",
    "User",
    "WordEdit",
    "new_quote_key",
    "new_source_key",
    "normalize_key",
    "notices",
    "public_notices",
    "random_key",
    "with_published_quotes",
    "with_quote_counts",
]
