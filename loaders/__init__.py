"""The readers: text -> facts. Importing them puts the regex charset memo in place first
(loaders/regex_memo.py: a tenth of a one-gazette `govkg add` was spent re-deriving the Han range)."""

from govkg.loaders import regex_memo as _regex_memo  # noqa: F401  (installs itself on import)
