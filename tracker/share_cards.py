"""A statement's share image (/q/<key>/card.png, its permalink's og:image): its words, its speaker
and its date, drawn on the server with Pillow.

The fonts are DejaVu, from the operating system's package (Debian's fonts-dejavu-core), at
SHARE_CARD_FONTS; where they are missing, Pillow's own scalable default font. Nothing is
downloaded. A card is drawn once for each revision of its quote, and again when a record it
names changes (tracker/caching.py).
"""

import io
from pathlib import Path

from django.conf import settings
from PIL import Image, ImageDraw, ImageFont

from tracker import caching
from tracker.models import Quote

WIDTH, HEIGHT = 1200, 630  # the size link previews ask for (Open Graph, 1.91:1)
MARGIN = 72
INK, PAPER, MUTED, ACCENT = "#1d1d1b", "#faf8f2", "#5b5b57", "#8a2b1f"
WORDS_SIZES = (52, 44, 38, 32)  # the largest whose lines fit is used
MAX_LINES = 6


def font(name, size):
    path = Path(settings.SHARE_CARD_FONTS) / name
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size)


def wrapped(text, typeface, width):
    """`text` in lines no wider than `width` pixels, word by word."""
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and typeface.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    return [*lines, line] if line else lines


def fitted(text, width, height):
    """The words' font and lines: the largest size whose lines fit; at the smallest, the lines
    that fit, the last ending in an ellipsis."""
    for size in WORDS_SIZES:
        typeface = font("DejaVuSerif.ttf", size)
        lines = wrapped(text, typeface, width)
        if len(lines) * size * 1.3 <= height and len(lines) <= MAX_LINES:
            return typeface, size, lines
    kept = lines[:MAX_LINES]
    kept[-1] = kept[-1].rstrip(",;:. ") + " …"
    return typeface, size, kept


def words_shown(quote):
    """Direct words in quotation marks; a paraphrase as the reported text it is, labelled."""
    text = " ".join(quote.text.split())
    if quote.kind == Quote.Kind.PARAPHRASE:
        return f"Paraphrase: {text}"
    return f"“{text}”"


def draw(quote):
    """The card as PNG bytes."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, 16, HEIGHT), fill=ACCENT)
    speaker = font("DejaVuSans-Bold.ttf", 40)
    small = font("DejaVuSans.ttf", 28)
    pen.text((MARGIN, MARGIN - 8), quote.speaker.name, font=speaker, fill=INK)
    said = quote.said_on_display
    if quote.nation:
        said = f"{said} · for {quote.nation.name}"
    pen.text((MARGIN, MARGIN + 44), said, font=small, fill=MUTED)
    top, bottom = MARGIN + 120, HEIGHT - MARGIN - 50
    typeface, size, lines = fitted(words_shown(quote), WIDTH - 2 * MARGIN, bottom - top)
    for number, line in enumerate(lines):
        pen.text((MARGIN, top + number * size * 1.3), line, font=typeface, fill=INK)
    pen.text((MARGIN, HEIGHT - MARGIN - 20), "On the Record", font=small, fill=ACCENT)
    pen.text(
        (WIDTH - MARGIN, HEIGHT - MARGIN - 20),
        f"/q/{quote.key}/",
        font=small,
        fill=MUTED,
        anchor="ra",
    )
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def card_png(quote):
    """The quote's card, drawn once for each revision of it and each version of the records
    shown beside it (the speaker's name, the nation)."""
    return caching.cached(
        f"share-card:{quote.pk}:{quote.revision}",
        lambda: draw(quote),
        depends_on=[caching.RECORDS],
        using=quote._state.db,
    )
