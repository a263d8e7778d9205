"""One exception hierarchy for the library; the CLI alone turns these into exit codes."""


class GovkgError(Exception):
    """Base of every error govkg raises on purpose; its message is meant for the user."""

    exit_code = 1


class InputError(GovkgError):
    """An input file cannot be read as a gazette (binary, empty, no document number...)."""

    exit_code = 2


class UnknownNameError(GovkgError):
    """A name asked about is not in the graph; carries the closest known names."""

    exit_code = 1

    def __init__(self, kind: str, name: str, suggestions: list[str]):
        self.kind, self.name, self.suggestions = kind, name, suggestions
        hint = f" Did you mean: {'、'.join(suggestions)}?" if suggestions else ""
        super().__init__(f"unknown {kind} {name!r}.{hint}")


class AmbiguousNameError(GovkgError):
    """A name asked about is in several places (区财政局 of two districts): the candidates are listed
    and none is answered for; ask again with --place."""

    exit_code = 1

    def __init__(self, kind: str, name: str, places: list[str]):
        self.kind, self.name, self.places = kind, name, places
        self.suggestions = [f"{name} --place {p}" for p in places]
        listed = "; ".join(f"{name} ({p or 'no place'})" for p in places)
        super().__init__(f"{kind} {name!r} is in {len(places)} places: {listed}. Pass --place to choose one.")


class StoreError(GovkgError):
    """The store is missing, unreadable or cannot be written."""

    exit_code = 2


class BackendError(GovkgError):
    """A database server (Neo4j) is unreachable or refuses us."""

    exit_code = 2


class InternalError(GovkgError):
    """Something govkg did not foresee; reported in one line (with what to send us), never a traceback."""

    exit_code = 70  # EX_SOFTWARE


class QueryTimeout(GovkgError):
    """A question or query ran longer than its --timeout and was abandoned."""

    exit_code = 2
