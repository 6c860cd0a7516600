"""The forge CI files parse, and their shell lines work on a real pull-request branch of this repository."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import git
import pytest
import yaml

from kiryx.site import ROOT
from tests.publishing import release

GITHUB = ROOT / ".github/workflows/content.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
# Steps that need the forge itself (installing into a fresh runner, its API): not run here.
FORGE_ONLY = ("install", "comment")
BAD = release(8).replace("category: perivallon", "category: kati-allo")
EMBARGOED = release(9, "2027-01-07 09:00")


@pytest.fixture(scope="module")
def pull_request(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of this repository (as it is on disk) with main pushed to a forge and a branch with two new files."""
    base = tmp_path_factory.mktemp("forge")
    work = base / "work"
    ignore = shutil.ignore_patterns(".git", ".venv", "output*", ".kiryx", ".kiryx-spare", "node_modules", "__pycache__",
                                    "*.mo")
    shutil.copytree(ROOT, work, ignore=ignore)
    (work / ".venv").symlink_to(ROOT / ".venv")
    repo = git.Repo.init(work, initial_branch="main")
    with repo.config_writer() as config:
        config.set_value("user", "name", "Γραφείο Τύπου").set_value("user", "email", "press@alimos.gr")
    repo.git.add("-A")
    repo.git.commit("-qm", "Ο ιστότοπος")
    forge = git.Repo.init(base / "forge.git", bare=True, initial_branch="main")
    repo.create_remote("origin", forge.working_dir)
    repo.git.push("-q", "-u", "origin", "main")
    repo.git.checkout("-qb", "nea-deltia")
    for rel, text in (("press-releases/2026/lathos.md", BAD), ("press-releases/2027/embargo.md", EMBARGOED)):
        path = work / "content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("\n        ", "\n").lstrip(), encoding="utf-8")
    repo.git.add("-A")
    repo.git.commit("-qm", "Δύο νέα δελτία")
    return work


def bash(script: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", "-eo", "pipefail", "-c", script], cwd=cwd, capture_output=True, text=True,
                          timeout=600, stdin=subprocess.DEVNULL, env={**os.environ, **env})


def github_steps() -> dict[str, str]:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    return {s["id"]: s["run"] for s in workflow["jobs"]["check"]["steps"] if "run" in s}


def test_the_workflows_parse_and_ask_for_what_they_use() -> None:
    workflow = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as true
    assert workflow["permissions"] == {"contents": "read", "pull-requests": "write"}
    steps = workflow["jobs"]["check"]["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    assert any(s.get("uses", "").startswith("actions/upload-artifact@") for s in steps)
    assert set(github_steps()) == {"install", "check", "plan", "comment", "preview"}
    job = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["content-check"]
    assert job["artifacts"]["reports"] == {"codequality": "gl-code-quality-report.json"}
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "merge_request_event"'}]


def test_the_github_steps_annotate_plan_and_preview(pull_request: Path, tmp_path: Path) -> None:
    steps = github_steps()
    summary = tmp_path / "summary.md"
    env = {"GITHUB_BASE_REF": "main", "GITHUB_STEP_SUMMARY": str(summary), "CI": "true", "KIRYX_LANG": "el"}
    checked = bash(steps["check"], pull_request, env)
    assert checked.returncode == 1
    assert ("::error file=content/press-releases/2026/lathos.md,line=5,title=category::άγνωστη κατηγορία "
            "'kati-allo'") in checked.stdout
    planned = bash(steps["plan"], pull_request, env)
    assert planned.returncode == 1, planned.stderr  # the plan fails too while there is an error
    plan = (pull_request / "plan.md").read_text(encoding="utf-8")
    assert summary.read_text(encoding="utf-8") == plan
    assert "Σύγκριση με origin/main (ο κύριος κλάδος)" in plan
    assert "- **Δελτίο αριθμός 9** (Δελτίο Τύπου): https://press.alimos.gr/press-releases/2027/deltio-arithmos-9/" in plan
    assert "  - Δημοσιεύεται την Πέμπτη 7 Ιανουαρίου 2027, 09:00 (εμπάργκο)" in plan
    (pull_request / "content/press-releases/2026/lathos.md").write_text(
        BAD.replace("kati-allo", "perivallon").replace("\n        ", "\n").lstrip(), encoding="utf-8")
    assert bash(steps["check"], pull_request, env).returncode == 0
    previewed = bash(steps["preview"], pull_request, env)
    assert previewed.returncode == 0, previewed.stderr
    page = (pull_request / "preview/press-releases/2027/deltio-arithmos-9/index.html").read_text(encoding="utf-8")
    assert 'class="preview-banner"' in page and "7 Ιανουαρίου 2027, 09:00" in page
    assert '<meta name="robots" content="noindex">' in page


def test_the_gitlab_script_reports_code_quality(pull_request: Path) -> None:
    job = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["content-check"]
    lines = [line for line in job["script"] if ".venv/bin/pip install" not in line and "publish.py setup" not in line]
    assert len(lines) == len(job["script"]) - 2, "only the install lines are left to the forge"
    path = pull_request / "content/press-releases/2026/lathos.md"
    path.write_text(BAD.replace("\n        ", "\n").lstrip(), encoding="utf-8")
    env = {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main", "KIRYX_GITLAB_TOKEN": "", "KIRYX_LANG": "el"}
    result = bash("\n".join(lines), pull_request, env)
    assert result.returncode == 1, result.stderr
    report = json.loads((pull_request / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    assert [(e["check_name"], e["severity"], e["location"]["path"], e["location"]["lines"]["begin"])
            for e in report if e["severity"] == "major"] == [
        ("category", "major", "content/press-releases/2026/lathos.md", 5)]
    assert "Σχέδιο δημοσίευσης" in (pull_request / "plan.md").read_text(encoding="utf-8")
    assert "lathos.md:5: category: άγνωστη κατηγορία" in result.stdout


class _Notes(http.server.BaseHTTPRequestHandler):
    """GitLab's notes API of one merge request, as much of it as the CI script uses."""

    notes: list[dict[str, object]] = []
    calls: list[str] = []

    def _answer(self, data: object) -> None:
        body = json.dumps(data).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _sent(self) -> dict[str, str]:
        return json.loads(self.rfile.read(int(self.headers["Content-Length"])))

    def do_GET(self) -> None:  # noqa: N802 - the server's name for it
        self.calls.append(f"GET {self.headers['PRIVATE-TOKEN']}")
        self._answer(list(reversed(self.notes)))

    def do_POST(self) -> None:  # noqa: N802
        self.calls.append("POST")
        self.notes.append({"id": len(self.notes) + 1, "body": self._sent()["body"]})
        self._answer(self.notes[-1])

    def do_PUT(self) -> None:  # noqa: N802
        self.calls.append(f"PUT {self.path.rsplit('/', 1)[1]}")
        note = next(n for n in self.notes if str(n["id"]) == self.path.rsplit("/", 1)[1])
        note["body"] = self._sent()["body"]
        self._answer(note)

    def log_message(self, *args: object) -> None:
        pass


def test_the_gitlab_plan_is_one_note_updated_at_each_pipeline(tmp_path: Path) -> None:
    """Not a new note at each push (they piled up on the merge request)."""
    job = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))["content-check"]
    script = next(line for line in job["script"] if "KIRYX_GITLAB_TOKEN" in line)
    _Notes.notes[:] = [{"id": 1, "body": "Ένα σχόλιο ανθρώπου."}]
    _Notes.calls[:] = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Notes)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    (tmp_path / ".venv/bin").mkdir(parents=True)
    (tmp_path / ".venv/bin/python").symlink_to(sys.executable)
    env = {"KIRYX_GITLAB_TOKEN": "t0k3n", "CI_API_V4_URL": f"http://127.0.0.1:{server.server_port}/api/v4",
           "CI_PROJECT_ID": "7", "CI_MERGE_REQUEST_IID": "3"}
    try:
        for text in ("### Σχέδιο δημοσίευσης\n\nπρώτο\n", "### Σχέδιο δημοσίευσης\n\nδεύτερο\n"):
            (tmp_path / "plan.md").write_text(text, encoding="utf-8")
            result = bash(script, tmp_path, env)
            assert result.returncode == 0 and "could not be posted" not in result.stdout, result.stderr
    finally:
        server.shutdown()
    assert _Notes.calls == ["GET t0k3n", "POST", "GET t0k3n", "PUT 2"]
    assert [n["body"] for n in _Notes.notes] == ["Ένα σχόλιο ανθρώπου.", "### Σχέδιο δημοσίευσης\n\nδεύτερο\n"]
