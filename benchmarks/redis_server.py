"""A throwaway Redis server on a free 127.0.0.1 port, for a ``with`` block."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from pathlib import Path

from measure import NotMeasured, free_loopback_port


class RedisServer:
    """Start ``redis-server`` without persistence, bound to 127.0.0.1, and stop it on exit.

    A server of our own keeps the benchmark from flushing data of a Redis that
    someone else runs on this machine.
    """

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_loopback_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def __enter__(self) -> RedisServer:
        executable = shutil.which("redis-server")
        if executable is None:
            raise NotMeasured("redis-server is not installed (Debian package redis-server)")
        try:
            import redis  # noqa: F401 (Django's Redis cache backend needs it)
        except ImportError:
            raise NotMeasured(
                "the redis client package is not installed in this environment "
                "(make bench installs it)"
            ) from None

        command = [
            executable,
            "--bind",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(self.directory),
        ]
        self.process = subprocess.Popen(  # noqa: S603 (redis-server from PATH, loopback only)
            command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        self._wait_until_ready(timeout=10)
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)

    def _wait_until_ready(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise NotMeasured(f"redis-server exited with code {self.process.returncode}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as connection:
                    connection.sendall(b"PING\r\n")
                    if connection.recv(64).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            time.sleep(0.05)
        raise NotMeasured(f"redis-server did not respond on 127.0.0.1:{self.port} in {timeout} s")
