"""Audit the locked dependencies against OSV advisories kept on disk (no network).

    .venv/bin/python bin/audit_deps.py [LOCK ...] [--advisories DIR]

Reads every `name==version` of the lock files (default requirements/base.txt and
requirements/dev.txt) and every OSV advisory (*.json) in DIR (default ../shared/advisories
beside the clone, or $ADVISORIES_DIR). An advisory covers a locked version when one of its
`affected[]` entries names the PyPI package and either lists the version in `versions` or puts
it inside an ECOSYSTEM range (`introduced` / `fixed` / `last_affected` / `limit` events, compared
as PEP 440 versions). Prints each covered (package, version, advisory, fixed in) and exits 1 if
there is any, 0 otherwise. With network, `pip-audit -r requirements/base.txt` asks the live
databases too.
"""

import argparse
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LOCKS = [ROOT / "requirements" / "base.txt", ROOT / "requirements" / "dev.txt"]
DEFAULT_ADVISORIES = ROOT.parent / "shared" / "advisories"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


@dataclass(frozen=True)
class Finding:
    package: str
    version: str
    advisory: str
    fixed: tuple

    def __str__(self):
        fixed = ", ".join(self.fixed) or "no fixed version"
        return f"{self.package} {self.version}: {self.advisory} (fixed in {fixed})"


def locked_versions(paths):
    """{canonical name: version} from pip-compile lock files."""
    pins = {}
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            match = PIN.match(line.strip())
            if match:
                pins[canonicalize_name(match.group(1))] = match.group(2)
    return pins


def _version(text):
    return Version("0") if text == "0" else Version(text)


def in_range(version, events):
    """Whether `version` falls inside one OSV ECOSYSTEM range (its events in version order)."""
    ordered = []
    for event in events:
        for kind, value in event.items():
            try:
                ordered.append((_version(value), kind))
            except InvalidVersion:
                continue
    # At one version an introduction comes before an end, as OSV's reference evaluation does.
    ordered.sort(key=lambda item: (item[0], item[1] != "introduced"))
    affected = False
    for bound, kind in ordered:
        if kind == "introduced" and version >= bound:
            affected = True
        elif (kind in ("fixed", "limit") and version >= bound) or (kind == "last_affected" and version > bound):
            affected = False
    return affected


def covers(affected, name, version):
    package = affected.get("package", {})
    if package.get("ecosystem") != "PyPI" or canonicalize_name(package.get("name", "")) != name:
        return False
    try:
        parsed = Version(version)
    except InvalidVersion:
        return version in affected.get("versions", [])
    for listed in affected.get("versions", []):
        try:
            if Version(listed) == parsed:
                return True
        except InvalidVersion:
            continue
    return any(
        in_range(parsed, rng.get("events", []))
        for rng in affected.get("ranges", [])
        if rng.get("type") in ("ECOSYSTEM", "SEMVER")
    )


def fixed_versions(affected):
    return tuple(
        event["fixed"] for rng in affected.get("ranges", []) for event in rng.get("events", []) if "fixed" in event
    )


def audit(pins, advisories_dir):
    findings = []
    for path in sorted(Path(advisories_dir).glob("*.json")):
        advisory = json.loads(path.read_text(encoding="utf-8"))
        if advisory.get("withdrawn"):
            continue
        for affected in advisory.get("affected", []):
            for name, version in pins.items():
                if covers(affected, name, version):
                    findings.append(Finding(name, version, advisory.get("id", path.stem), fixed_versions(affected)))
    return sorted(set(findings), key=lambda f: (f.package, f.advisory))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("locks", nargs="*", type=Path, default=DEFAULT_LOCKS)
    parser.add_argument("--advisories", type=Path,
                        default=Path(os.environ.get("ADVISORIES_DIR", DEFAULT_ADVISORIES)))
    args = parser.parse_args(argv)
    if not args.advisories.is_dir() or not any(args.advisories.glob("*.json")):
        print(f"no advisories in {args.advisories}", file=sys.stderr)
        return 2
    pins = locked_versions(args.locks)
    findings = audit(pins, args.advisories)
    for finding in findings:
        print(finding)
    count = len(list(args.advisories.glob("*.json")))
    print(f"{len(pins)} locked packages checked against {count} advisories: {len(findings)} covered")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())
