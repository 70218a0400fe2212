# ruff: noqa: RUF001
# (Typographic quotation marks and apostrophes are what this module reads.)
"""The words and name patterns the finder's rules share: verbs of saying, descriptions of
people, names, outlets and weekdays."""

SPEECH_VERBS = (
    "said|says|told|tells|added|adding|explained|wrote|writes|argued|warned|stressed|insisted|"
    "claimed|noted|announced|declared|suggested|posited|replied|asked|urged|reported|"
    "acknowledged|conceded|complained|insists|argues|warns|believes|thinks|tweeted|posted"
)
PRONOUNS = {"he", "she", "they", "his", "her"}
DESCRIPTIONS = (
    "minister|chancellor|president|prime minister|secretary|envoy|spokesman|spokeswoman|"
    "spokesperson|leader|ambassador|official|general|senator|governor|mayor|premier"
)
NAME = r"(?:[A-ZÀ-Ý][\w'-]*(?:\.[A-Z])*(?:[ \t]+(?:(?:de|van|von|der|al|bin|da|di|la|le)[ \t]+)?[A-ZÀ-Ý][\w'-]*)*)"
OUTLET = r"(?:the[ \t]+|The[ \t]+)?(?:[A-ZÀ-Ý][\w’'&.-]*(?:[ \t]+(?:of[ \t]+)?[A-ZÀ-Ý][\w’'&.-]*)*)"
WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
