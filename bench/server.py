"""Latency of `articlelint server`: from `didChange` to its `publishDiagnostics`.

Starts the real server over stdio (pygls's client), with a folder of real records as the
workspace; waits until the server has read the workspace (its work done progress ends),
opens a ~30 KB record, then changes one character of its title per step, a typing pace
apart, timing each change until the diagnostics of that version arrive. Printed: median,
p95 and max, with the server's debounce (what an editor sees) and with none (the check).

    python bench/server.py --corpus ../shared/corpus/diablo4 --count 200

Needs the server extra (`pip install -e '.[server]'`).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from lsprotocol import types
from pygls.lsp.client import LanguageClient

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parent.parent / "shared" / "corpus" / "diablo4"


def pick_record(folder: Path, size: int) -> Path:
    """The record whose size is closest to ``size`` bytes."""
    records = [p for p in folder.rglob("*.md") if p.is_file()]
    if not records:
        raise SystemExit(f"no records under {folder}")
    return min(records, key=lambda p: abs(p.stat().st_size - size))


class Client(LanguageClient):
    def __init__(self) -> None:
        super().__init__("articlelint-bench", "1")
        self.published: dict[tuple[str, int | None], float] = {}
        self.arrived = asyncio.Event()
        self.read = asyncio.Event()


def make_client() -> Client:
    client = Client()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(ls: Client, params: types.PublishDiagnosticsParams) -> None:
        ls.published[(params.uri, params.version)] = time.perf_counter()
        ls.arrived.set()

    @client.feature(types.WINDOW_WORK_DONE_PROGRESS_CREATE)
    def create(ls: Client, params: types.WorkDoneProgressCreateParams) -> None:
        return None

    @client.feature(types.PROGRESS)
    def progress(ls: Client, params: types.ProgressParams) -> None:
        value: Any = params.value
        if isinstance(value, dict) and value.get("kind") == "end":
            ls.read.set()

    return client


async def wait_for(client: Client, uri: str, version: int) -> float:
    while (uri, version) not in client.published:
        client.arrived.clear()
        await asyncio.wait_for(client.arrived.wait(), 30)
    return client.published[(uri, version)]


async def session(
    workspace: Path, record: Path, count: int, pause: float, debounce: float | None
) -> tuple[list[float], float]:
    client = make_client()
    await client.start_io(sys.executable, "-m", "articlelint", "server")
    options = None if debounce is None else {"debounce": debounce}
    started = time.perf_counter()
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(
                window=types.WindowClientCapabilities(work_done_progress=True)
            ),
            workspace_folders=[types.WorkspaceFolder(uri=workspace.as_uri(), name="bench")],
            initialization_options=options,
        )
    )
    client.initialized(types.InitializedParams())
    await asyncio.wait_for(client.read.wait(), 600)  # the workspace has been read
    reading = time.perf_counter() - started
    uri = record.as_uri()
    text = record.read_text("utf-8")
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            types.TextDocumentItem(uri=uri, language_id="markdown", version=1, text=text)
        )
    )
    await wait_for(client, uri, 1)
    at = text.index("title:") + len("title: ") + 2
    latencies = []
    for step in range(count):
        version = step + 2
        changed = text[:at] + ("x" if step % 2 == 0 else text[at]) + text[at + 1 :]
        sent = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
                content_changes=[types.TextDocumentContentChangeWholeDocument(text=changed)],
            )
        )
        latencies.append(await wait_for(client, uri, version) - sent)
        await asyncio.sleep(pause)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return latencies, reading


def summary(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    ms = [f"{v * 1000:.1f} ms" for v in (statistics.median(ordered), p95, ordered[-1])]
    return f"| {name} | {ms[0]} | {ms[1]} | {ms[2]} |"


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="workspace folder")
    parser.add_argument("--record", type=Path, help="the record to edit (default: ~30 KB)")
    parser.add_argument("--count", type=int, default=200, help="changes per series")
    parser.add_argument("--pause", type=float, default=0.12, help="seconds between changes")
    args = parser.parse_args()
    workspace = args.corpus.resolve()
    record = (args.record or pick_record(workspace, 30_000)).resolve()
    from articlelint.server.app import DEBOUNCE

    with_debounce, reading = await session(workspace, record, args.count, args.pause, None)
    check_only, _ = await session(workspace, record, args.count, args.pause, 0.0)
    files = sum(1 for p in workspace.rglob("*.md"))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"{record.name} ({record.stat().st_size:,} bytes) in a workspace of {files:,} records "
        f"(read in {reading:.1f} s, in the background); {args.count} changes per series, "
        f"{os.cpu_count()} cores, load average {load:.1f} at the end:\n"
    )
    print("| didChange -> publishDiagnostics | median | p95 | max |")
    print("|---|---:|---:|---:|")
    print(summary(f"with the debounce ({DEBOUNCE * 1000:.0f} ms)", with_debounce))
    print(summary("without debounce (the check alone)", check_only))


if __name__ == "__main__":
    asyncio.run(main())
