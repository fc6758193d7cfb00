"""The models of a run as bytes: read once, shipped to every worker (process or Spark executor), loaded there
once from those bytes, so that no worker needs the folder the models came from."""

from __future__ import annotations

import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from service.dmn import LoadError, load

__all__ = ["Bundle", "BundleError"]


class BundleError(Exception):
    """Models that cannot be read or loaded; the message lists every problem."""


@dataclass(frozen=True)
class Bundle:
    """The .dmn files of a folder (file name -> bytes) and where they came from. Loaded once per process:
    the loaded models stay with the bundle but never travel with it to a worker."""

    files: dict[str, bytes]
    origin: str
    _models: object = field(default=None, init=False, repr=False, compare=False)

    def __getstate__(self) -> dict:
        return {"files": self.files, "origin": self.origin}

    @classmethod
    def read(cls, source: str | Path) -> Bundle:
        """A folder, a .dmn file, or ``git:REV`` (the decisions/ folder of a git revision of this repository)."""
        text = str(source)
        if text.startswith("git:"):
            return cls._from_git(text[4:])
        path = Path(text)
        if path.is_dir():
            files = {p.name: p.read_bytes() for p in sorted(path.iterdir())
                     if p.suffix.lower() == ".dmn" and p.is_file()}
        elif path.is_file():
            files = {path.name: path.read_bytes()}
        else:
            raise BundleError(f"{path}: no such file or folder")
        if not files:
            raise BundleError(f"{path}: no .dmn file")
        return cls(files, text)

    @classmethod
    def _from_git(cls, revision: str, folder: str = "decisions") -> Bundle:
        root = Path(__file__).resolve().parents[2]

        def git(*args: str) -> bytes:
            done = subprocess.run(["git", "-C", str(root), *args], capture_output=True, timeout=60)
            if done.returncode != 0:
                raise BundleError(f"git:{revision}: {done.stderr.decode(errors='replace').strip()}")
            return done.stdout

        names = git("ls-tree", "--name-only", f"{revision}:{folder}").decode().split()
        files = {name: git("show", f"{revision}:{folder}/{name}") for name in names if name.lower().endswith(".dmn")}
        if not files:
            raise BundleError(f"git:{revision}: no .dmn file in {folder}/")
        return cls(files, f"git:{revision}")

    def load(self):
        """The loaded models (``service.dmn.Models``), loaded on the first call; raises ``BundleError`` listing
        every problem."""
        if self._models is None:
            object.__setattr__(self, "_models", self._load())
        return self._models

    def _load(self):
        with tempfile.TemporaryDirectory(prefix="decisions-models-") as folder:
            for name, data in self.files.items():
                (Path(folder) / name).write_bytes(data)
            try:
                return load(folder)
            except LoadError as exc:
                lines = [str(problem).replace(folder + "/", "") for problem in exc.problems]
                raise BundleError(f"{self.origin}: {len(lines)} problem(s)\n" + "\n".join(lines)) from None
