"""Backing up and restoring the whole site: every record (drafts and history included) and the media.

A backup is one .tar.gz with `data.json` (Django's serialization, with natural keys so it
loads into a freshly migrated database whatever its ids) and `media/` (photos and their
renditions).
"""

import datetime
import hashlib
import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction

# Rebuilt by migrate in any database, or not worth keeping (sessions, login-failure records).
# The content version is written anew by every restore (and every write).
EXCLUDED = ["contenttypes", "auth.permission", "sessions", "axes", "cooperation.contentversion"]
CONTENT_MODELS = ["visits.Delegation", "visits.Meeting", "projects.Project", "cooperation.Person", "auth.User"]


class RestoreRefused(Exception):
    pass


class PreciseJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def _all_records():
    """Every row, models in an order that loads (what dumpdata does, with our encoder)."""
    models = serializers.sort_dependencies(
        [(config, None) for config in apps.get_app_configs() if config.label not in EXCLUDED],
        allow_cycles=True,
    )
    for model in models:
        if model._meta.label_lower in EXCLUDED or model._meta.proxy or not model._meta.managed:
            continue
        yield from model._default_manager.order_by(model._meta.pk.name).iterator()


def write_backup(destination):
    """Write the backup to `destination` (a path); returns a small manifest."""
    destination = Path(destination)
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        data_path = Path(scratch) / "data.json"
        with open(data_path, "w", encoding="utf-8") as handle:
            serializers.serialize(
                "json", _all_records(), stream=handle, cls=PreciseJSONEncoder,
                use_natural_foreign_keys=True, use_natural_primary_keys=True, ensure_ascii=False,
            )
        files = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
        manifest = {
            "format": 1,
            "data_sha256": hashlib.sha256(data_path.read_bytes()).hexdigest(),
            "records": len(json.loads(data_path.read_text(encoding="utf-8"))),
            "media_files": len(files),
        }
        with tarfile.open(destination, "w:gz") as archive:
            archive.add(data_path, arcname="data.json")
            for path in files:
                archive.add(path, arcname=f"media/{path.relative_to(media_root).as_posix()}")
            encoded = json.dumps(manifest, indent=1).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(encoded)
            archive.addfile(info, io.BytesIO(encoded))
    return manifest


def database_is_empty():
    return not any(apps.get_model(label).objects.exists() for label in CONTENT_MODELS)


def restore_backup(source):
    """Load a backup into an empty, migrated database and put the media back."""
    if not database_is_empty():
        raise RestoreRefused("数据库不是空的：恢复只写入空数据库，以免覆盖现有记录。")
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(source, "r:gz") as archive:
        # The "data" filter refuses absolute paths, links out of the folder and device files.
        archive.extractall(scratch, filter="data")
        data_path = Path(scratch) / "data.json"
        if not data_path.exists():
            raise RestoreRefused("这不是本站的备份文件：缺少 data.json。")
        manifest = json.loads((Path(scratch) / "manifest.json").read_text(encoding="utf-8"))
        if hashlib.sha256(data_path.read_bytes()).hexdigest() != manifest["data_sha256"]:
            raise RestoreRefused("备份文件已损坏：data.json 的校验值不符。")
        with transaction.atomic():
            call_command("loaddata", str(data_path), verbosity=0)
        media = Path(scratch) / "media"
        if media.exists():
            for path in media.rglob("*"):
                if path.is_file():
                    target = media_root / path.relative_to(media)
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(path.read_bytes())
    return manifest
