"""相关项目: the projects a 考察活动 row names, by 编号 or by name; an unknown name is a new draft."""

from collections import defaultdict
from functools import reduce
from operator import or_

from django.db.models import Q

from cooperation.ledgers import bulk
from cooperation.ledgers.context import NameProblem, apply_status, chunks
from visits.ledgers.common import Project


class ProjectRefs:
    """相关项目 by 编号 or by name; an unknown name becomes a new draft project."""

    def __init__(self, context):
        self.context = context
        self.by_code = {}
        self.by_name = defaultdict(list)
        self.by_pk = {}
        self.pending = {}
        # A name no project has, → the projects whose name holds it (人才公寓 → 太仆寺旗京蒙协作人才公寓).
        self.containing = {}

    def load(self, refs, linked_ids):
        fields = ("pk", "code", "name", "region_id", "organization_id")
        # What an earlier part of the sheet loaded or made is known already.
        refs = [ref for ref in set(refs) if ref not in self.by_code and ref not in self.by_name]
        # By 编号 first (an indexed column), then by name only what no code matched.
        for chunk in chunks(refs):
            self._add(Project.objects.filter(code__in=chunk).only(*fields))
        for chunk in chunks([ref for ref in refs if ref not in self.by_code]):
            self._add(Project.objects.filter(name__in=chunk).only(*fields))
        # A name no project has may be the short name people use for one (人才公寓): the projects
        # whose name holds it, 500 names a query (each a trigram-indexed LIKE on PostgreSQL).
        unknown = [ref for ref in refs if ref not in self.by_code and ref not in self.by_name and len(ref) >= 2]
        for chunk in chunks(unknown):
            condition = reduce(or_, (Q(name__contains=ref) for ref in chunk))
            for project in Project.objects.filter(condition).only(*fields):
                for ref in chunk:
                    if ref in project.name:
                        self.containing.setdefault(ref, []).append(project)
        missing = [pk for pk in set(linked_ids) if pk not in self.by_pk]
        for chunk in chunks(missing):
            self._add(Project.objects.filter(pk__in=chunk).only(*fields))

    def _add(self, projects):
        for project in projects:
            if project.pk in self.by_pk:
                continue
            self.by_pk[project.pk] = project
            if project.code:
                self.by_code[project.code] = project
            self.by_name[project.name].append(project)

    def resolve(self, ref, linked_ids, plan=None):
        """The project `ref` names: by 编号, by name, else by the short name people use for it —
        the one project whose name holds it (in the trip's regions first), listed for the importer
        to check; several is an error asking for the full name."""
        if ref in self.by_code:
            return self.by_code[ref]
        found = self.by_name.get(ref, [])
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            already = [p for p in found if p.pk in linked_ids]
            if len(already) == 1:
                return already[0]
            raise NameProblem(f"有 {len(found)} 个名为“{ref}”的项目；请写项目的编号")
        holding = self.containing.get(ref, [])
        if len(holding) > 1 and plan is not None:
            regions = {r.pk for r in (plan.origin, *plan.destinations) if r is not None}
            here = [p for p in holding if p.region_id in regions]
            holding = here or holding
        if len(holding) == 1:
            project = holding[0]
            if plan is not None:
                reader = plan.reader
                message = f"“{ref}”不是项目的全名，按名称含有它的唯一项目“{project.name}”关联"
                reader.warn("相关项目", message, value=ref)
                self.context.note_review("按简称关联的项目", message, reader, "考察活动")
            return project
        if len(holding) > 1:
            names = "、".join(f"“{p.name}”" for p in holding[:5])
            raise NameProblem(f"没有名为“{ref}”的项目，名称含有它的有 {len(holding)} 个（{names}）；请写全名或编号")
        if len(ref) > 200:
            raise NameProblem("项目名称最长 200 字")
        project = self.pending.get(ref)
        if project is None:
            project = bulk.build(Project, name=ref)
            apply_status(self.context, project)
            self.pending[ref] = project
            self.context.note_new("协作项目", ref)
        return project

    def flush(self, writer):
        batch = list(self.pending.values())
        allocator = self.context.slugs(Project)
        for project in batch:
            project.slug = allocator.allocate(project.name)
        writer.create(Project, batch)
        for project in batch:
            self._add([project])
        self.pending = {}
