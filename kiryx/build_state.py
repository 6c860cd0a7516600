"""Which output came from which inputs, so a rebuild redoes only what an edit touches.

In the spirit of Lektor's build state: every output file is recorded with a key, a hash of
everything it was made from (the items it shows, its kwargs, the parts of the context its
template reads). A new build starts in an empty folder; an output whose key is unchanged is
taken from the previous build by a hard link (no rendering, and the same file, so rsync and
web caches see no change), everything else is made anew, and what nothing makes any more is
simply not there. The salt covers what can change every output at once (Kiryx's code and the
theme, the settings): when it differs, nothing is reused.

The state lives in the output folder as `.kiryx-state.json`, so it always describes exactly
the files beside it, whichever folder is swapped in or deployed.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import itertools
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

STATE_FILE = ".kiryx-state.json"


def read_state(output: Path) -> dict:
    """The state recorded beside an output ({} when there is none)."""
    try:
        state = json.loads((output / STATE_FILE).read_text(encoding="utf-8"))  # pragma: no mutate (JSON is ASCII)
    except (ValueError, OSError):
        return {}
    return state if isinstance(state, dict) else {}  # damaged: as none, so everything is made anew


def record_needles(output: Path, needles: list[str]) -> None:
    """Add to an output's state what the embargo guard searched it for (hashes)."""
    state = read_state(output)
    state["needles"] = sorted(needles)
    _write_state(output, state)


def _write_state(output: Path, state: dict) -> None:
    """The state beside an output, in the same bytes whatever order it was recorded in."""
    text = json.dumps(state, sort_keys=True)
    (output / STATE_FILE).write_text(text, encoding="utf-8")  # pragma: no mutate (JSON is ASCII)


def discard(folder: Path) -> None:
    """Remove a folder without waiting for it: renamed aside at once, deleted by a process of its own at low
    priority, which goes on after this one ends (deleting thousands of files can take longer than a build).
    What a killed run or deletion left aside in the same parent is removed too.
    """
    for leftover in folder.parent.glob(".*.discarded-*"):
        _remove_later(leftover)
    if folder.exists():
        aside = folder.with_name(f".{folder.name}.discarded-{os.getpid()}-{next(_asides)}")
        folder.rename(aside)
        _remove_later(aside)


_removing: set[Path] = set()
_asides = itertools.count()
SPARE = ".kiryx-spare"


def retire(folder: Path) -> None:
    """Keep an output no longer needed as the spare of its folder (`.kiryx-spare` beside it), whose folders the
    next build there reuses (`from_spare`); the spare it replaces is discarded."""
    if not folder.is_dir():
        return
    spare = folder.parent / SPARE
    discard(spare)
    folder.rename(spare)


def from_spare(target: Path) -> list[str]:
    """Make `target` out of the spare beside it: its folders, none of its files (each is unlinked; most are links
    to files of the live site, which stay). A rebuild then creates almost no folders (an item is a folder), and no
    tree of thousands of folders is deleted after each build (which made the next build's new folders slower
    still). Returns the folders, for `prune`; [] when there is no spare (then `target` is not made)."""
    spare = _spare_in(target.parent)
    if spare is None:
        return []
    try:
        with locked(spare) as still:  # its files are no longer being unlinked in the background
            if not still:  # another build's discarded it meanwhile: the one now there is not the one locked
                return []
            spare.rename(target)
    except OSError:
        return []
    return _empty(target)  # files left in it: nothing, when the run that retired it emptied it (`empty_spare`)


def empty_spare(parent: Path) -> None:
    """Unlink the files of the spare in `parent` now, where no one waits (a publish, once its mails are sent), so
    the next build there only renames it into place. Best effort: that build unlinks whatever is left."""
    spare = _spare_in(parent)
    if spare is not None:
        with contextlib.suppress(OSError):
            _empty(spare)


def empty_spare_later(parent: Path) -> None:
    """`empty_spare` in a process of its own at low priority, which goes on after this one ends (the build command:
    the staff member has the site at once). It holds a lock on the spare while it runs, which `from_spare` awaits
    before taking the spare: a build never receives a folder whose files are being unlinked."""
    spare = _spare_in(parent)
    if spare is not None:
        _detached('nice -n 10 "$1" -c "import sys; from kiryx.build_state import empty_locked; '
                  'empty_locked(sys.argv[1])" "$0" &', spare, sys.executable)


def empty_locked(spare: str) -> None:
    """Unlink the files of `spare` holding its lock, if it is still the spare once locked (`empty_spare_later`)."""
    with locked(Path(spare)) as still:
        if still:
            empty_spare(Path(spare).parent)


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[bool]:
    """An exclusive lock on a folder (flock(2)), held for the block; whether the folder locked is still the one
    at that path once the lock is held (another build may have put another there meanwhile)."""
    handle = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            now = os.stat(folder, follow_symlinks=False)
        except FileNotFoundError:
            yield False
            return
        held = os.fstat(handle)
        yield (now.st_dev, now.st_ino) == (held.st_dev, held.st_ino)
    finally:
        os.close(handle)


def _spare_in(parent: Path) -> Path | None:
    """The spare in `parent`, if it is a folder (never one reached through a link, nor a file of that name)."""
    spare = parent / SPARE
    return spare if spare.is_dir() and not spare.is_symlink() else None


def _empty(root: Path) -> list[str]:
    """Unlink every file under `root`; its folders, top first."""
    folders = []
    for folder, _, names in os.walk(root):
        folders.append(folder)
        for name in names:
            os.unlink(os.path.join(folder, name))
    return folders


def prune(folders: list[str]) -> None:
    """Remove those of `folders` (from `from_spare`) that the build left empty, deepest first."""
    for folder in reversed(folders):
        with contextlib.suppress(OSError):  # not empty: the build wrote there
            os.rmdir(folder)


def _remove_later(folder: Path) -> None:
    """`rm -rf` at low priority, started by a shell that returns at once: the deleting process is no child of this
    one, so it is never left a zombie here (nor reaped by a `wait` meant for another child)."""
    if folder not in _removing:
        _removing.add(folder)  # pragma: no mutate (a second `rm` of the same folder would do no harm either)
        _detached('nice -n 10 rm -rf -- "$0" &', folder)


def _detached(script: str, folder: Path, *args: str) -> None:
    """Run a shell script on `folder` (its $0; `args` its $1, …) that returns at once, leaving its work to a process
    of its own."""
    # pragma below: no mutate (its own session, so a Ctrl-C or a cron job's end does not stop it; no stream of this
    # process, which a reader of its output would otherwise wait on until the work ends)
    subprocess.run(["sh", "-c", script, str(folder), *args], start_new_session=True,  # pragma: no mutate
                   stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # pragma: no mutate


def link_or_copy(source: Path | str, target: Path | str) -> None:
    """Place `source` at `target` as a hard link (a copy across file systems), replacing what is there."""
    try:
        os.link(source, target)  # the usual case: a new file in a folder that exists
        return
    except FileNotFoundError:
        if not os.path.exists(source):
            raise
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with contextlib.suppress(OSError):  # the next usual case: the first file of a new folder
            os.link(source, target)
            return
    except OSError:  # there already, or links impossible here
        pass
    folder, name = os.path.split(target)
    temp = os.path.join(folder, f".{name}.kiryx-tmp")
    with contextlib.suppress(FileNotFoundError):
        os.unlink(temp)
    try:
        os.link(source, temp)
    except OSError:
        shutil.copy2(source, temp)
    os.replace(temp, target)


class BuildState:
    def __init__(self, output: Path, previous: Path | None, salt: str, key: str):
        self.output, self.salt, self.key = output, salt, key
        self.previous = previous if previous and previous.resolve() != output.resolve() else None
        saved = read_state(self.previous) if self.previous else {}
        self.old: dict[str, str] = saved.get("outputs", {}) if saved.get("salt") == salt else {}
        self.new: dict[str, str] = {}
        self.rendered = self.generated = self.reused = self.identical = 0

    def reuse(self, rels: list[str], key: str) -> bool:
        """Take these outputs from the previous build when they were made from the same key."""
        if not rels or not self.previous or any(self.old.get(rel) != key for rel in rels):
            return False
        before, now = str(self.previous), str(self.output)
        if len(rels) > 1 and not all(os.path.isfile(f"{before}/{rel}") for rel in rels):  # a tree: whole or not
            return False
        for rel in rels:
            try:  # a page is linked at once, not looked for first: one system call, not two, for each of thousands
                link_or_copy(f"{before}/{rel}", f"{now}/{rel}")
            except OSError:
                if len(rels) > 1:
                    raise
                return False  # its file is gone: it is made anew
            self.new[rel] = key
        self.reused += len(rels)
        return True

    def reuse_tree(self, prefix: str, key: str) -> bool:
        """Take a whole generated folder (e.g. the search index) from the previous build, if made from `key`."""
        rels = [rel for rel in self.old if rel.startswith(f"{prefix}/")]
        return bool(rels) and self.reuse(rels, key)

    def made_tree(self, prefix: str, key: str, source: Path) -> None:
        """Record every file of a folder a tool generated in `source`, all from `key`, and place it at `prefix`: a
        file equal to the previous build's is that file, any other is linked (or copied) from `source`."""
        for folder, _, names in os.walk(source):
            for name in names:
                path = os.path.join(folder, name)
                rel = f"{prefix}/{os.path.relpath(path, source).replace(os.sep, '/')}"
                same = self.same_as_before(rel, path)
                self.record(rel, key, same, by_tool=True)
                if not same:
                    link_or_copy(path, f"{self.output}/{rel}")

    def made(self, rel: str, key: str) -> None:
        """Record an output written anew; when its bytes equal the previous build's, keep that file."""
        self.record(rel, key, self.same_as_before(rel, f"{self.output}/{rel}"))

    def same_as_before(self, rel: str, written: str) -> bool:
        """Whether `written` has the bytes of the previous build's `rel`; if so, that file is linked at `rel` (the
        same file, so rsync and web caches see no change). Safe in a forked child: it records nothing."""
        if not self.previous:
            return False
        before = f"{self.previous}/{rel}"
        try:
            same = (os.path.getsize(before) == os.path.getsize(written)
                    and Path(before).read_bytes() == Path(written).read_bytes())
        except OSError:
            return False
        if same:
            link_or_copy(before, f"{self.output}/{rel}")
        return same

    def record(self, rel: str, key: str, same: bool, by_tool: bool = False) -> None:
        """Record `rel` as made from `key` (`same`: its bytes are the previous build's), rendered here or
        generated `by_tool` (the search index)."""
        self.new[rel] = key
        if by_tool:
            self.generated += 1
        else:
            self.rendered += 1
        self.identical += same

    def emit(self, rel: str, key: str, produce: Callable[[], bytes]) -> None:
        """Reuse `rel` if its key is unchanged, else write what `produce()` returns."""
        if self.reuse([rel], key):
            return
        target = self.output / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(produce())
        self.made(rel, key)

    def emit_bytes(self, rel: str, data: bytes) -> None:
        """`emit` a file that is cheap to make: its key is its bytes."""
        self.emit(rel, hashlib.sha256(data).hexdigest()[:40], lambda: data)

    def finish(self) -> dict[str, int]:
        """Record the state beside the outputs it describes."""
        _write_state(self.output, {"salt": self.salt, "key": self.key, "outputs": self.new})
        made = self.rendered + self.generated
        return {"rendered": self.rendered, "generated": self.generated, "written": made - self.identical,
                "reused": self.reused}
