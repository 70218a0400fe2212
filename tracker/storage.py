"""Where the static files are kept, and the addresses pages give for them."""

from whitenoise.storage import CompressedManifestStaticFilesStorage


class ArchiveStaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's hashed, compressed files, with each file's address worked out once.

    The manifest is read when the process starts and does not change while it runs, so neither
    does any address; working one out costs about 60 µs, and the admin's change form asks for
    about 50 of them (its scripts and styles) on every request.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force)
        try:
            return self._urls[name]
        except KeyError:
            url = self._urls[name] = super().url(name)
            return url
