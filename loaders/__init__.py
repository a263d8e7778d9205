"""The readers: text -> facts. Importing them puts the regex memos in place first
(loaders/regex_memo.py: the stored compiled programs, and the charset memo for patterns compiled
as usual; compiling the readers' patterns was a tenth of a one-gazette `govkg add`)."""

from govkg.loaders import regex_memo as _regex_memo  # noqa: F401  (installs itself on import)
