"""Only regular files are read: FIFOs, sockets and devices are skipped, never
opened (a FIFO would block the run forever), and a file that changes while it
is read is skipped rather than read half old, half new.

A regression here would hang rather than fail, so every read of a FIFO runs
with a deadline: the CLI in a subprocess with a timeout, `discover` in a
daemon thread that the test unblocks (by opening the FIFO's other end) when
the deadline passes.
"""

from __future__ import annotations

import contextlib
import importlib
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.errors import EXIT_PARTIAL
from newsweave.readers import discover
from newsweave.readers.discover import Discovery

from .conftest import TWO_EVENTS

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX special files")

ARTICLE = TWO_EVENTS / "flood-a.txt"
DEADLINE_S = 20
discover_module = importlib.import_module(
    "newsweave.readers.discover"
)  # the package's `discover` is the function


@pytest.fixture()
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A FIFO named like an article, with nothing ever writing to it."""
    path = tmp_path / "pipe.txt"
    os.mkfifo(path)
    yield path
    _release(path)


def _release(path: Path) -> None:
    """Let a reader blocked opening `path` go on (it reads end of file); nothing to do when none waits."""
    with contextlib.suppress(OSError):  # ENXIO: no reader has it open
        os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))


def discover_within(paths: list[str], fifo: Path) -> Discovery:
    """`discover(paths)`, failing the test (not hanging it) if it blocks on `fifo`."""
    result: list[Discovery] = []
    worker = threading.Thread(target=lambda: result.append(discover(paths)), daemon=True)
    worker.start()
    worker.join(DEADLINE_S)
    if worker.is_alive():
        _release(fifo)
        worker.join(DEADLINE_S)
        pytest.fail(f"discover blocked on {fifo}")
    return result[0]


def reasons(found: Discovery) -> dict[str, str]:
    return {Path(s.path).name: s.reason for s in found.skipped}


@pytest.mark.integration  # a second process, with the real models
def test_a_fifo_beside_an_article_is_skipped_and_the_article_briefed(tmp_path: Path, fifo: Path) -> None:
    (tmp_path / ARTICLE.name).write_bytes(ARTICLE.read_bytes())
    try:
        run = subprocess.run(
            [sys.executable, "-m", "newsweave", "brief", str(tmp_path), "--format", "json"],
            capture_output=True,
            text=True,
            timeout=300,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("newsweave brief blocked on a FIFO")
    assert run.returncode == EXIT_PARTIAL, run.stderr
    assert f"skipped {fifo}: not a regular file: a FIFO" in run.stderr
    assert '"path": "' + str(tmp_path / ARTICLE.name) + '"' in run.stdout


def test_a_fifo_named_directly_is_skipped(tmp_path: Path, fifo: Path) -> None:
    found = discover_within([str(fifo)], fifo)
    assert found.docs == []
    assert reasons(found) == {"pipe.txt": "not a regular file: a FIFO"}


def test_a_symlink_to_a_fifo_is_skipped_in_a_directory(tmp_path: Path, fifo: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "link.txt").symlink_to(fifo)
    (folder / "link").symlink_to(fifo)  # no article suffix: still never opened to sniff it
    (folder / "a.txt").write_text("An article.")
    found = discover_within([str(folder)], fifo)
    assert [Path(d.path).name for d in found.docs] == ["a.txt"]
    assert reasons(found) == {"link": "not a regular file: a FIFO", "link.txt": "not a regular file: a FIFO"}


def test_a_unix_socket_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # a short relative name: socket paths are limited to about 100 bytes
    (tmp_path / "a.txt").write_text("An article.")
    with socket.socket(socket.AF_UNIX) as server:
        server.bind("sock.txt")
        found = discover(["."])
        named = discover(["sock.txt"])
    assert [d.path for d in found.docs] == ["./a.txt"]
    assert reasons(found) == {"sock.txt": "not a regular file: a socket"}
    assert named.docs == [] and reasons(named) == {"sock.txt": "not a regular file: a socket"}


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero"])
def test_a_device_named_directly_is_skipped(device: str, tmp_path: Path) -> None:
    if not os.path.exists(device):
        pytest.skip(f"no {device}")
    link = tmp_path / "device.txt"
    link.symlink_to(device)
    found = discover([device, str(link)])
    assert found.docs == []
    assert [(s.path, s.reason) for s in found.skipped] == [
        (device, "not a regular file: a character device"),
        (str(link), "not a regular file: a character device"),
    ]


def test_a_file_that_changes_while_read_is_skipped(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    growing = tmp_path / "growing.txt"
    growing.write_text("The first paragraph of an article.\n")
    steady = tmp_path / "steady.txt"
    steady.write_text("An article nobody is writing to.\n")
    real_read = discover_module.read_bounded

    def read_while_written(stream, limit, expected=0):  # type: ignore[no-untyped-def]
        data = real_read(stream, limit, expected)
        if Path(stream.name) == growing:
            with growing.open("a") as writer:
                writer.write("A paragraph written after the read.\n")
        return data

    monkeypatch.setattr(discover_module, "read_bounded", read_while_written)
    found = discover([str(tmp_path)])
    assert [Path(d.path).name for d in found.docs] == ["steady.txt"]
    assert reasons(found) == {"growing.txt": "changed while being read"}


def test_a_file_that_grows_before_the_read_is_skipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """More bytes than its size said: written to between the stat and the read."""
    growing = tmp_path / "growing.txt"
    growing.write_text("The first paragraph of an article.\n")
    real_read = discover_module.read_bounded

    def read_after_a_write(stream, limit, expected=0):  # type: ignore[no-untyped-def]
        with growing.open("a") as writer:
            writer.write("A paragraph written before the read.\n")
        return real_read(stream, limit, expected)

    monkeypatch.setattr(discover_module, "read_bounded", read_after_a_write)
    found = discover([str(growing)])
    assert found.docs == []
    assert reasons(found) == {"growing.txt": "changed while being read"}
