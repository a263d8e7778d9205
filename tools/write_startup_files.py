"""Write the files `make setup` keeps like bytecode, so later processes start without deriving
them: loaders/data/regex-programs.marshal (loaders/regex_memo.py), the compiled programs of every
pattern govkg compiles when it imports its modules and reads the sample gazette and the documents
given, and loaders/data/derived-tables.marshal (loaders/tables.py), the tables the readers derive
from shipped files.

    python tools/write_startup_files.py [FILE ...]
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

from govkg.loaders import regex_memo, tables

PACKAGES = ["govkg.loaders", "govkg.graph", "govkg.queries", "govkg.ontology"]  # what pyproject installs
MODULES = ["govkg.cli", "govkg.api"]


def main(argv: list[str]) -> int:
    seen = regex_memo.record()
    tables.record()
    for name in PACKAGES:
        package = importlib.import_module(name)
        for module in pkgutil.walk_packages(package.__path__, f"{name}."):
            importlib.import_module(module.name)
    for name in MODULES:
        importlib.import_module(name)
    from govkg.loaders.pipeline import extract_raw, sample_gazette
    extract_raw([sample_gazette(), *map(Path, argv)])
    print(f"derived tables: {tables.write()} written to {tables.STORED}")
    if seen is None:
        print("regex programs: this Python's compiler is not the one the memo knows; nothing written")
        return 0
    count = regex_memo.write_programs(seen)
    print(f"regex programs: {count} written to {regex_memo.PROGRAMS}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
