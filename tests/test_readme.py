"""README's folder table names every folder of the tree, and nothing that is not there."""

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_folder_table_names_each_top_level_folder_the_repository_holds():
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    folders = {path.split("/")[0] for path in tracked.split("\0") if "/" in path and not path.startswith(".")}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("| folder | what it holds |", 1)[1].split("\n\n", 1)[0]

    first_column = [row.split("|")[1] for row in table.splitlines()[2:]]
    named = {name.split("/")[0] for cell in first_column for name in re.findall(r"`([\w.]+/[\w./]*)`", cell)}

    assert named == folders
