"""Backing up and restoring the whole site: every record (drafts and history included) and the media.

A backup is one .tar.gz holding:

- `data.jsonl`: every row, one JSON object a line (Django's "jsonl" serialization, with natural
  keys so it loads into a freshly migrated database whatever its ids);
- `media/`: photos and their renditions, ledger uploads — every file under MEDIA_ROOT;
- `manifest.json`: the number of rows per model, the checksum of the data and of every media
  file, and what was left out.

The rows are read in one consistent snapshot: on PostgreSQL one REPEATABLE READ, READ ONLY
transaction, on SQLite one read transaction (WAL keeps it a snapshot and lets writers go on).
Staff may keep working during a backup: what they commit meanwhile is either wholly in the
archive or wholly absent, never a participant whose trip is missing. The media are copied
after the snapshot, so every file a row names is there (a photo uploaded during the backup may
be in the archive without its row; it is harmless).

Nothing is held in memory: rows are written as they are read, files are copied and hashed
in chunks, and restore reads the data line by line.

Left out: sessions (everyone signs in again after a restore), login-failure records (django-axes),
and what `migrate` makes in any database (content types, permissions) or a write remakes (the
content version and its log of changes).
"""

import contextlib
import datetime
import hashlib
import io
import json
import secrets
import shutil
import tarfile
import tempfile
from collections import Counter
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DEFAULT_DB_ALIAS, DatabaseError, IntegrityError, connections, transaction

FORMAT = 2
DATA = "data.jsonl"
LEGACY_DATA = "data.json"  # format 1, written before backups were streamed
EXCLUDED = [
    "contenttypes", "auth.permission", "sessions", "axes", "cooperation.contentversion", "cooperation.contentchange",
    "cooperation.matchedword",
]
LEFT_OUT = "会话（恢复后需重新登录）、登录失败记录、内容版本、变更记录与缓存页面的检索词；内容类型与权限由 migrate 重建"
CONTENT_MODELS = ["visits.Delegation", "visits.Meeting", "projects.Project", "cooperation.Person", "auth.User"]
CHUNK = 1024 * 1024


class RestoreRefused(Exception):
    pass


class PreciseJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to milliseconds; a backup keeps every microsecond."""

    def default(self, o):
        if isinstance(o, (datetime.datetime, datetime.time)):
            return o.isoformat()
        return super().default(o)


def backed_up_models():
    """Every model whose rows the backup holds, in an order that loads (what dumpdata does)."""
    models = serializers.sort_dependencies(
        [(config, None) for config in apps.get_app_configs() if config.label not in EXCLUDED],
        allow_cycles=True,
    )
    return [
        model
        for model in models
        if model._meta.label_lower not in EXCLUDED and not model._meta.proxy and model._meta.managed
    ]


@contextlib.contextmanager
def snapshot(using=DEFAULT_DB_ALIAS):
    """Every read inside sees the database as it was at the first one, and nothing is written."""
    connection = connections[using]
    if connection.in_atomic_block:
        # Already one transaction (a test's); its isolation cannot be changed any more.
        yield
        return
    if connection.vendor == "postgresql":
        with transaction.atomic(using=using):
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    if connection.vendor == "sqlite":
        # Deferred: a read transaction that takes no write lock, so staff can save meanwhile.
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
            try:
                yield
            finally:
                cursor.execute("ROLLBACK")
        return
    with transaction.atomic(using=using):
        yield


class _HashingWriter:
    """A text stream that writes UTF-8 to a file and hashes it on the way."""

    def __init__(self, handle):
        self.handle = handle
        self.sha256 = hashlib.sha256()

    def write(self, text):
        data = text.encode("utf-8")
        self.sha256.update(data)
        self.handle.write(data)

    def flush(self):
        self.handle.flush()


class _HashingReader(io.RawIOBase):
    def __init__(self, handle):
        self.handle = handle
        self.sha256 = hashlib.sha256()

    def readable(self):
        return True

    def readinto(self, buffer):
        data = self.handle.read(len(buffer))
        self.sha256.update(data)
        buffer[: len(data)] = data
        return len(data)


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def _write_rows(path, counts, using):
    def rows():
        for model in backed_up_models():
            label = model._meta.label_lower
            counts[label] = 0
            for row in model._default_manager.using(using).order_by(model._meta.pk.name).iterator(chunk_size=2000):
                counts[label] += 1
                yield row

    with open(path, "wb") as handle:
        writer = _HashingWriter(handle)
        with snapshot(using):
            serializers.serialize(
                "jsonl", rows(), stream=writer, cls=PreciseJSONEncoder,
                use_natural_foreign_keys=True, use_natural_primary_keys=True, ensure_ascii=False,
            )
    return writer.sha256.hexdigest()


def write_backup(destination, using=DEFAULT_DB_ALIAS):
    """Write the backup to `destination` (a path); returns its manifest."""
    destination = Path(destination)
    media_root = Path(settings.MEDIA_ROOT)
    counts = Counter()
    partial = destination.with_name(f".{destination.name}.partial")
    with tempfile.TemporaryDirectory() as scratch:
        data_path = Path(scratch) / DATA
        data_sha256 = _write_rows(data_path, counts, using)
        media = {}
        try:
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(data_path, arcname=DATA)
                files = sorted(p for p in media_root.rglob("*") if p.is_file()) if media_root.exists() else []
                for path in files:
                    name = path.relative_to(media_root).as_posix()
                    info = archive.gettarinfo(str(path), arcname=f"media/{name}")
                    with open(path, "rb") as handle:
                        reader = _HashingReader(handle)
                        archive.addfile(info, io.BufferedReader(reader, CHUNK))
                    media[name] = reader.sha256.hexdigest()
                manifest = {
                    "format": FORMAT,
                    "created_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
                    "database": connections[using].vendor,
                    "data": DATA,
                    "data_sha256": data_sha256,
                    "records": sum(counts.values()),
                    "counts": dict(counts),
                    "media_files": len(media),
                    "media": media,
                    "left_out": LEFT_OUT,
                }
                encoded = json.dumps(manifest, indent=1, ensure_ascii=False).encode()
                info = tarfile.TarInfo("manifest.json")
                info.size = len(encoded)
                archive.addfile(info, io.BytesIO(encoded))
            # Only a finished archive takes the name: a backup cut short never looks like one.
            partial.replace(destination)
        finally:
            partial.unlink(missing_ok=True)
    return manifest


def database_is_empty(using=DEFAULT_DB_ALIAS):
    return not any(apps.get_model(label).objects.using(using).exists() for label in CONTENT_MODELS)


def _open_archive(source, scratch):
    """Unpack `source` into `scratch` and check it: (manifest, path of the data)."""
    try:
        with tarfile.open(source, "r:gz") as archive:
            # The "data" filter refuses absolute paths, links out of the folder and device files.
            archive.extractall(scratch, filter="data")
    except FileNotFoundError as exc:
        raise RestoreRefused(f"找不到备份文件 {source}。") from exc
    except (tarfile.TarError, EOFError, OSError) as exc:
        raise RestoreRefused(f"无法读取备份文件 {source}（不是完整的 .tar.gz 备份）：{exc}") from exc
    scratch = Path(scratch)
    data_path = next((scratch / name for name in (DATA, LEGACY_DATA) if (scratch / name).exists()), None)
    if data_path is None:
        raise RestoreRefused("这不是本站的备份文件：缺少 data.jsonl。")
    try:
        manifest = json.loads((scratch / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RestoreRefused("备份文件不完整：缺少 manifest.json，可能是备份中途被打断。") from exc
    if file_sha256(data_path) != manifest.get("data_sha256"):
        raise RestoreRefused("备份文件已损坏：数据的校验值不符。")
    for name, expected in manifest.get("media", {}).items():
        path = scratch / "media" / name
        if not path.is_file() or file_sha256(path) != expected:
            raise RestoreRefused(f"备份文件已损坏：媒体文件 {name} 缺失或校验值不符。")
    return manifest, data_path


def _check_database(using):
    try:
        return database_is_empty(using)
    except DatabaseError as exc:
        raise RestoreRefused(
            f"无法读取目标数据库（{exc.__class__.__name__}）：请确认数据库可以连接，并已运行 manage.py migrate。"
        ) from exc


def restore_backup(source, using=DEFAULT_DB_ALIAS, media_root=None):
    """Load a backup into an empty, migrated database and put the media back; all or nothing."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        manifest, data_path = _open_archive(source, scratch)
        if not _check_database(using):
            raise RestoreRefused("数据库不是空的：恢复只写入空数据库，以免覆盖现有记录。")
        try:
            with transaction.atomic(using=using):
                call_command("loaddata", str(data_path), database=using, verbosity=0)
        except (IntegrityError, DatabaseError) as exc:
            raise RestoreRefused(f"备份无法载入，数据库未作任何改动：{exc}") from exc
        media = Path(scratch) / "media"
        if media.exists():
            try:
                for path in media.rglob("*"):
                    if path.is_file():
                        target = media_root / path.relative_to(media)
                        target.parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(path, target)
            except OSError as exc:
                raise RestoreRefused(
                    f"记录已恢复，但媒体文件无法写入 {media_root}：{exc}。请检查磁盘空间和权限后重新运行"
                    "（在空数据库上）。"
                ) from exc
    return manifest


def counts_in(using):
    return {
        model._meta.label_lower: model._default_manager.using(using).count() for model in backed_up_models()
    }


@contextlib.contextmanager
def scratch_database():
    """An empty database beside the site's, migrated, for checking a backup; dropped afterwards."""
    default = connections.settings[DEFAULT_DB_ALIAS]
    alias = f"backup_verify_{secrets.token_hex(4)}"
    config = {**default, "TEST": dict(default.get("TEST", {}))}
    vendor = connections[DEFAULT_DB_ALIAS].vendor
    with tempfile.TemporaryDirectory() as folder:
        if vendor == "sqlite":
            config["NAME"] = str(Path(folder) / "verify.sqlite3")
        elif vendor == "postgresql":
            config["NAME"] = f"{default['NAME']}_{alias}"[:63]
            with connections[DEFAULT_DB_ALIAS]._nodb_cursor() as cursor:
                cursor.execute(f'CREATE DATABASE "{config["NAME"]}"')
        else:
            raise RestoreRefused(f"--verify 不支持 {vendor} 数据库。")
        connections.settings[alias] = config
        try:
            call_command("migrate", database=alias, interactive=False, verbosity=0)
            yield alias, Path(folder) / "media"
        finally:
            connections[alias].close()
            del connections[alias]
            del connections.settings[alias]
            if vendor == "postgresql":
                with connections[DEFAULT_DB_ALIAS]._nodb_cursor() as cursor:
                    cursor.execute(f'DROP DATABASE IF EXISTS "{config["NAME"]}"')


def verify_backup(source):
    """Restore `source` into a scratch database and compare it with its manifest: a list of problems."""
    with scratch_database() as (alias, media_root):
        manifest = restore_backup(source, using=alias, media_root=media_root)
        problems = []
        found = counts_in(alias)
        for label, expected in sorted(manifest.get("counts", {}).items()):
            if found.get(label) != expected:
                problems.append(f"{label}：备份中 {expected} 条，恢复后 {found.get(label)} 条")
        for name, expected in sorted(manifest.get("media", {}).items()):
            path = media_root / name
            if not path.is_file() or file_sha256(path) != expected:
                problems.append(f"媒体文件 {name} 恢复后缺失或校验值不符")
    return manifest, problems
