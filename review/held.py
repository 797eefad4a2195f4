"""Changes written outside the admin (a ledger import) to what the public sees, held for review.

An import writes its rows in bulk, and some of them change records the public already sees: a
published trip's summary, a speech of a published meeting, a programme figure of a pairing, a
source. The rule is the admin's: such a change is a pending revision of the record, shown in
the reviewer's diff and checked (personal information, 错敏词) like any other, and the public
keeps the approved version until 终审签发. Only where the office's chain for the record's grade
is 终审签发 alone, the importer holds that step and the checks find nothing that blocks, does
the import sign the change off itself.

`HeldChanges` does this around the import's writes. Before the first write to a record the
public sees (or to a part of one, or to a saved reference), `keep()` notes the record as it
is: its change form's data and its rows. After the writes, `settle()` reads each record's form
again, puts the record back as it was, and submits the difference as the record's pending
revision — the admin form's data, as a change saved on its change page would have submitted it.
"""

from dataclasses import dataclass, field

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext as _

from review import publishing, registry
from review.models import ReviewAction, ReviewStep, Status
from review.publishing import ReviewRefused
from review.roles import user_can_take_step

RESTORED = "导入修改待审，恢复已发布版本"
CHUNK = 500  # ids per query (SQLite's limit on parameters)


@dataclass
class Kept:
    """A public record as it was before the import wrote to it."""

    record: object
    data: dict
    inlines: list  # [(prefix, inline model, whether its rows are parts of the record)]
    m2m: dict
    parts: dict = field(default_factory=dict)  # part model -> [(part, {m2m field: [ids]})]


def _m2m_ids(obj):
    return {f.name: list(getattr(obj, f.name).values_list("pk", flat=True)) for f in obj._meta.many_to_many}


def _replay(user):
    request = HttpRequest()
    request.method, request.path, request.user = "GET", "/", user
    return request


def _rows(data, prefix):
    """{index: {name: values}} of one inline formset's rows in a form's data."""
    rows = {}
    for key, values in data.items():
        if not key.startswith(prefix + "-"):
            continue
        index, _sep, name = key[len(prefix) + 1:].partition("-")
        if index.isdigit() and name:
            rows.setdefault(int(index), {})[name] = list(values)
    return [rows[index] for index in sorted(rows)]


def merged_revision(before, after, inlines):
    """The change from `before` to `after` (two readings of one change form), as a revision.

    The form's own fields are taken from `after`. Each inline of parts lists first the rows that
    were there before — changed as `after` has them, or marked for deletion when `after` no
    longer has them — and then, as new rows, those `after` has that were not there before (the
    import's rows are taken out of the database again when the record is put back). An inline of
    records reviewed on their own (a trip's meetings) stays as it was: each is held by itself.
    """
    prefixes = [prefix for prefix, _model, _part in inlines]
    revision = {
        key: list(values) for key, values in after.items()
        if not any(key.startswith(prefix + "-") for prefix in prefixes)
    }
    for prefix, _model, part in inlines:
        if not part:
            revision.update({key: list(values) for key, values in before.items() if key.startswith(prefix + "-")})
            continue
        old = {row.get("id", [""])[0]: row for row in _rows(before, prefix) if row.get("id", [""])[0]}
        new = {row.get("id", [""])[0]: row for row in _rows(after, prefix) if row.get("id", [""])[0]}
        rows = [new.get(pk) or {**row, "DELETE": ["on"]} for pk, row in old.items()]
        initial = len(rows)
        rows += [{**row, "id": [""]} for pk, row in new.items() if pk not in old]
        for index, row in enumerate(rows):
            for name, values in row.items():
                revision[f"{prefix}-{index}-{name}"] = values
        revision[f"{prefix}-TOTAL_FORMS"] = [str(len(rows))]
        revision[f"{prefix}-INITIAL_FORMS"] = [str(initial)]
        for name in ("MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            key = f"{prefix}-{name}"
            if key in before:
                revision[key] = list(before[key])
    return revision


class HeldChanges:
    def __init__(self, user):
        self.user = user
        self.kept = {}  # (model, pk) -> Kept

    # --- before the writes ------------------------------------------------------------------

    def keep(self, model, objs):
        """Note, before they are written, the public records `objs` (rows of `model`) belong to."""
        if self.user is None:
            return  # code importing as the system itself (the benchmarks), as ImportContext.can_publish has it
        for record in self.records_of(model, objs):
            key = (type(record), record.pk)
            if key not in self.kept:
                self.kept[key] = self.read(type(record).objects.get(pk=record.pk))

    def keep_ids(self, model, ids):
        if self.user is None:
            return
        ids = sorted(set(ids))
        for start in range(0, len(ids), CHUNK):
            self.keep(model, list(model._default_manager.filter(pk__in=ids[start:start + CHUNK])))

    def records_of(self, model, objs):
        """The records the public sees that writing `objs` changes (none for drafts and new rows).

        Read from the objects in hand where they tell (a draft the import holds is a draft), so
        an import of new drafts asks the database nothing more.
        """
        objs = list(objs)
        if not objs:
            return []
        name = registry.parent_field(model)
        if name is None:
            # A record or a reference not saved yet is new: nobody sees it. A new part of a
            # public record (a stop added to a published trip) is a change of that record.
            objs = [obj for obj in objs if obj.pk is not None]
        if hasattr(model, "status"):
            candidates = [obj for obj in objs if obj.status == Status.PUBLISHED]
            ids = [obj.pk for obj in candidates]
            stored = set()
            for start in range(0, len(ids), CHUNK):
                stored.update(model._default_manager.filter(
                    pk__in=ids[start:start + CHUNK], status=Status.PUBLISHED).values_list("pk", flat=True))
            return [obj for obj in candidates if obj.pk in stored]
        if name is not None:
            field = model._meta.get_field(name)
            parents, missing = {}, set()
            for obj in objs:
                if field.is_cached(obj):
                    parent = getattr(obj, name)
                    if parent is not None and parent.pk is not None:
                        parents[parent.pk] = parent
                elif getattr(obj, field.attname) is not None:
                    missing.add(getattr(obj, field.attname))
            missing = sorted(missing - set(parents))
            for start in range(0, len(missing), CHUNK):
                for parent in field.related_model._default_manager.filter(pk__in=missing[start:start + CHUNK]):
                    parents[parent.pk] = parent
            return self.records_of(field.related_model, list(parents.values()))
        if registry.is_reference(model):
            in_use = getattr(model._default_manager, "in_public_use", None)
            if in_use is None:
                return objs
            # A place, topic, pairing or source no published record names is shown nowhere
            # (`in_public_use`): writing it changes nothing the public sees.
            ids = [obj.pk for obj in objs]
            public = set()
            for start in range(0, len(ids), CHUNK):
                public.update(in_use().filter(pk__in=ids[start:start + CHUNK]).values_list("pk", flat=True))
            return [obj for obj in objs if obj.pk in public]
        return []

    def read(self, record):
        model_admin = admin.site._registry.get(type(record))
        if model_admin is None or not hasattr(model_admin, "current_form_data"):
            raise ReviewRefused(_("导入会修改公众可见的“%(record)s”，而它没有可以送审的修改页。") % {"record": record})
        data, formsets = model_admin.current_form_data(_replay(self.user), record)
        inlines = [(formset.prefix, formset.model, registry.parent_field(formset.model) is not None)
                   for formset in formsets]
        kept = Kept(record=record, data=data, inlines=inlines, m2m=_m2m_ids(record))
        for part_model, name in registry.parts().items():
            if part_model._meta.get_field(name).related_model is type(record):
                rows = part_model._default_manager.filter(**{f"{name}_id": record.pk}).order_by("pk")
                kept.parts[part_model] = [(part, _m2m_ids(part)) for part in rows]
        return kept

    # --- after the writes -------------------------------------------------------------------

    def settle(self, summary, batch=""):
        """Every kept record changed by the writes: put back, its change submitted. The requests."""
        if self.kept and (self.user is None or not self.user.is_authenticated):
            raise ReviewRefused(_("导入会修改公众可见的记录，修改须提交审核：请指明导入人（--user）。"))
        requests = []
        for kept in self.kept.values():
            record = type(kept.record).objects.get(pk=kept.record.pk)
            model_admin = admin.site._registry[type(record)]
            after, _formsets = model_admin.current_form_data(_replay(self.user), record)
            revision = merged_revision(kept.data, after, kept.inlines)
            unchanged = revision == merged_revision(kept.data, kept.data, kept.inlines)
            # Put back whatever the writes did, even what the form does not show: nothing of an
            # import reaches the public but through the revision.
            self.put_back(kept)
            if unchanged:
                continue
            if "date_change_reason" in revision and not "".join(revision["date_change_reason"]).strip():
                # A published record's displayed date may change: the reason is the file it came from.
                revision["date_change_reason"] = [summary[:200]]
            pending = publishing.pending_request(record)
            if pending is not None:
                raise ReviewRefused(
                    _("“%(record)s”已有一项“%(action)s”申请在审核中：请待其办结后再导入对它的修改。")
                    % {"record": record, "action": pending.get_action_display()}
                )
            requests.append(self.submit(record, revision, summary, batch))
        self.kept = {}
        return requests

    def put_back(self, kept):
        """The record, its many-to-many links and its parts exactly as they were."""
        record = kept.record
        updated_at = getattr(record, "updated_at", None)  # save() moves it on: the public version's time stays
        record._change_reason = RESTORED
        record.save()
        for name, ids in kept.m2m.items():
            getattr(record, name).set(ids)
        if updated_at is not None:
            type(record)._default_manager.filter(pk=record.pk).update(updated_at=updated_at)
        for part_model, rows in kept.parts.items():
            name = registry.parent_field(part_model)
            part_model._default_manager.filter(**{f"{name}_id": record.pk}).exclude(
                pk__in=[part.pk for part, _m2m in rows]).delete()
            for part, m2m in rows:
                part._change_reason = RESTORED
                part.save()
                for field_name, ids in m2m.items():
                    getattr(part, field_name).set(ids)

    def submit(self, record, revision, summary, batch):
        """The change as the record's pending revision; signed off at once only where one step may."""
        review_request = publishing.submit(
            record, self.user, ReviewAction.CHANGE, revision=revision, summary=summary, batch=batch,
        )
        alone = review_request.steps == [ReviewStep.FINAL] and user_can_take_step(self.user, ReviewStep.FINAL)
        if alone and not any(issue.blocking for issue in publishing.issues_of(review_request)):
            publishing.sign_off_alone(review_request, self.user, _("导入的修改（审核流程仅终审签发）。"))
        return review_request
