"""Media on the server's disk that never holds a half-written file, nor a file without its row.

Every file (a photo, its renditions, a ledger upload) is written under a temporary name beside
its final one and renamed into place only when complete: a full or read-only disk leaves no
truncated original and no 0-byte ledger. Inside a database transaction the rename waits for the
commit (`transaction.on_commit`); if the transaction rolls back, the temporary file is removed
when the request ends (or at the next upload of a management command), so a failed save leaves
no file without a row.

A write that fails raises MediaWriteError (an OSError) with the file cleaned up; the admin's
`MediaErrorsAsFormErrors` turns it into a message on the form, keeping what was typed.
"""

import glob
import logging
import os
import secrets
import threading
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.signals import request_finished
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

TEMPORARY_MARK = ".uploading-"


class MediaWriteError(OSError):
    """A media file could not be written (disk full, read-only, no permission)."""


@dataclass
class _Pending:
    temporary: str
    final: str
    alias: str
    moved: bool = False

    def move(self):
        os.replace(self.temporary, self.final)
        self.moved = True


class _Registry(threading.local):
    def __init__(self):
        self.pending = []


_registry = _Registry()


def _in_transaction(connection):
    """In a transaction that will commit or roll back (a test case's own wrapping block aside)."""
    return any(not getattr(block, "_from_testcase", False) for block in connection.atomic_blocks)


def _awaiting_commit(entry):
    connection = connections[entry.alias]
    return any(getattr(callback, "__self__", None) is entry for _sids, callback, _robust in connection.run_on_commit)


def discard_rolled_back(**kwargs):
    """Remove temporary files whose transaction ended without a commit."""
    keep = []
    for entry in _registry.pending:
        if entry.moved:
            continue
        if _awaiting_commit(entry):
            keep.append(entry)
            continue
        Path(entry.temporary).unlink(missing_ok=True)
    _registry.pending = keep


request_finished.connect(discard_rolled_back, dispatch_uid="cooperation.storage.discard_rolled_back")


def _temporary_name(full_path):
    path = Path(full_path)
    return str(path.with_name(f".{path.name}{TEMPORARY_MARK}{secrets.token_hex(6)}"))


class TransactionalFileSystemStorage(FileSystemStorage):
    def exists(self, name):
        # A name waiting for its transaction's commit is taken: a second upload must not get it.
        if super().exists(name):
            return True
        path = Path(self.path(name))
        return path.parent.is_dir() and any(path.parent.glob(f".{glob.escape(path.name)}{TEMPORARY_MARK}*"))

    def _save(self, name, content):
        discard_rolled_back()
        final = self.path(name)
        temporary = _temporary_name(final)
        try:
            Path(final).parent.mkdir(parents=True, exist_ok=True)
            written = super()._save(os.path.relpath(temporary, self.location), content)
            temporary = self.path(written)
        except OSError as error:
            Path(temporary).unlink(missing_ok=True)
            raise MediaWriteError(error.errno, f"{error.strerror or error} ({name})") from error
        entry = _Pending(temporary, final, DEFAULT_DB_ALIAS)
        try:
            if _in_transaction(connections[DEFAULT_DB_ALIAS]):
                _registry.pending.append(entry)
                transaction.on_commit(entry.move, robust=True)
            else:
                entry.move()
        except OSError as error:
            Path(temporary).unlink(missing_ok=True)
            raise MediaWriteError(error.errno, f"{error.strerror or error} ({name})") from error
        return name


MEDIA_WRITE_MESSAGE = _(
    "文件未能保存：服务器的存储空间已满或不可写（%(reason)s）。记录没有保存，您填写的内容保留在下面；"
    "请稍后重新选择文件再保存，或联系管理员。"
)


class MediaErrorsAsFormErrors:
    """ModelAdmin mixin: a media write that fails shows the form again with a message, not a 500."""

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except MediaWriteError as error:
            # The transaction rolled back whole; show the same form again, refused with the reason.
            logger.warning("Media could not be written while saving %s: %s", self.model._meta.label, error)
            request._media_write_error = error
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        error = getattr(request, "_media_write_error", None)
        if error is None:
            return form

        class Refused(form):
            def clean(self):
                super().clean()
                raise ValidationError(MEDIA_WRITE_MESSAGE % {"reason": error.strerror or error})

        Refused.__name__ = form.__name__
        return Refused
