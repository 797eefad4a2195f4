"""bin/audit_deps.py: which locked versions an OSV advisory covers, and the lock files themselves."""

import importlib.util
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("audit_deps", ROOT / "bin" / "audit_deps.py")
audit_deps = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(audit_deps)


def advisory(directory, ident, name, ranges=(), versions=(), ecosystem="PyPI", **extra):
    body = {"id": ident, "affected": [{
        "package": {"name": name, "ecosystem": ecosystem},
        "ranges": [{"type": "ECOSYSTEM", "events": list(events)} for events in ranges],
        "versions": list(versions),
    }], **extra}
    (directory / f"{ident}.json").write_text(json.dumps(body), encoding="utf-8")


@pytest.fixture
def advisories(tmp_path):
    directory = tmp_path / "advisories"
    directory.mkdir()
    advisory(directory, "PYSEC-1", "Django", ranges=[[{"introduced": "5.2"}, {"fixed": "5.2.9"}],
                                                     [{"introduced": "0"}, {"fixed": "4.2.27"}]])
    advisory(directory, "PYSEC-2", "pillow", ranges=[[{"introduced": "11.0"}, {"last_affected": "11.2.1"}]])
    advisory(directory, "PYSEC-3", "python_docx", versions=["1.1.0"])
    advisory(directory, "PYSEC-4", "gunicorn", ranges=[[{"introduced": "0"}]], ecosystem="npm")
    advisory(directory, "PYSEC-5", "gunicorn", ranges=[[{"introduced": "0"}]], withdrawn="2024-01-01T00:00:00Z")
    return directory


def lock(tmp_path, text):
    path = tmp_path / "lock.txt"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("pins", "expected"),
    [
        ("django==5.2.8", ["django 5.2.8: PYSEC-1 (fixed in 5.2.9, 4.2.27)"]),
        ("Django==5.2.9", []),
        ("django==5.1.4", []),
        ("django==4.2.26", ["django 4.2.26: PYSEC-1 (fixed in 5.2.9, 4.2.27)"]),
        ("pillow==11.2.1", ["pillow 11.2.1: PYSEC-2 (fixed in no fixed version)"]),
        ("pillow==11.2.2", []),
        ("pillow==10.4.0", []),
        ("python-docx==1.1.0", ["python-docx 1.1.0: PYSEC-3 (fixed in no fixed version)"]),
        ("python-docx==1.1.2", []),
        ("gunicorn==20.0.0", []),  # an npm advisory and a withdrawn one
    ],
)
def test_an_advisory_covers_the_versions_its_ranges_and_lists_name(tmp_path, advisories, pins, expected):
    lock_file = lock(tmp_path, f"{pins} \\\n    --hash=sha256:00\n    # via -r pyproject.toml\n")

    findings = audit_deps.audit(audit_deps.locked_versions([lock_file]), advisories)

    assert [str(finding) for finding in findings] == expected


def test_the_command_fails_on_a_covered_version_and_passes_otherwise(tmp_path, advisories, capsys):
    covered = lock(tmp_path, "django==5.2.8 \\\n    --hash=sha256:00\n")

    assert audit_deps.main([str(covered), "--advisories", str(advisories)]) == 1
    assert "django 5.2.8: PYSEC-1" in capsys.readouterr().out

    covered.write_text("django==5.2.9 \\\n    --hash=sha256:00\n", encoding="utf-8")
    assert audit_deps.main([str(covered), "--advisories", str(advisories)]) == 0
    assert audit_deps.main([str(covered), "--advisories", str(tmp_path / "none")]) == 2


@pytest.mark.parametrize("name", ["base.txt", "dev.txt"])
def test_every_locked_package_is_pinned_with_a_hash(name):
    lines = [line for line in (ROOT / "requirements" / name).read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.lstrip().startswith("#")]
    entries = re.split(r"\n(?=[A-Za-z0-9])", "\n".join(lines))

    pins = audit_deps.locked_versions([ROOT / "requirements" / name])
    unhashed = [entry.split()[0] for entry in entries if "--hash=sha256:" not in entry]

    assert unhashed == []
    assert {"django", "pillow", "gunicorn"} <= set(pins)
    assert ("pytest" in pins) == (name == "dev.txt")


def test_the_lock_holds_every_dependency_pyproject_names():
    """A dependency added to pyproject.toml without `bin/lock` would not be installed by bin/setup."""
    import tomllib

    from packaging.requirements import Requirement

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    wanted = {
        "base.txt": project["dependencies"],
        "dev.txt": project["dependencies"] + project["optional-dependencies"]["dev"],
    }

    missing = {
        name: sorted(
            str(requirement) for requirement in map(Requirement, requirements)
            if audit_deps.canonicalize_name(requirement.name)
            not in audit_deps.locked_versions([ROOT / "requirements" / name])
        )
        for name, requirements in wanted.items()
    }

    assert missing == {"base.txt": [], "dev.txt": []}
