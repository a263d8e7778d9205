"""`govkg serve`: the `oxigraph` wheel's own read-only SPARQL 1.1 Protocol server over our store.

Why wrap and not write one: oxigraph's server speaks the whole protocol (GET/POST, content
negotiation of SPARQL JSON/XML/CSV/TSV and RDF formats), refuses updates in `serve-read-only`
mode and ships the YASGUI page with its scripts, so nothing is fetched from the network.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from pathlib import Path

from govkg.errors import InputError, StoreError
from govkg.graph.store import store_file


def oxigraph_binary() -> str:
    """The `oxigraph` executable installed beside this Python (the wheel), else on PATH."""
    here = Path(sys.executable).parent / "oxigraph"
    found = str(here) if here.exists() else shutil.which("oxigraph")
    if not found:
        raise StoreError("govkg serve needs the oxigraph server: pip install oxigraph")
    return found


def serve_command(store: Path, port: int, timeout: int) -> list[str]:
    """The command line that serves `store` read-only on 127.0.0.1:port."""
    return [oxigraph_binary(), "serve-read-only", "--location", str(store_file(store.absolute(), "oxigraph")),  # the live version, resolved once
            "--bind", f"127.0.0.1:{port}", "--timeout-s", str(timeout)]


def check_port(port: int) -> None:
    """One clear line now rather than the server's Rust backtrace later when the port is taken."""
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError as e:
            raise InputError(f"port {port} on 127.0.0.1 is not free ({e.strerror}); choose another with --port") from e


def server_env() -> dict[str, str]:
    """The environment for the server: no Rust backtraces on errors, one line is enough."""
    return {**os.environ, "RUST_BACKTRACE": "0", "RUST_LIB_BACKTRACE": "0"}
