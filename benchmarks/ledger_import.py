"""Import speed on SQLite and PostgreSQL, beside a plain ModelResource.

    .venv/bin/python -m benchmarks.ledger_import [--trips N] [--projects N] [--databases sqlite,postgres]

Generates ledgers of N trips (with their site visits, participants and speeches) and N
projects, then, for each database, imports them in a fresh database of its own (a worker
process per database and method, so memory is measured alone) and prints rows per second,
queries per 1,000 rows and peak memory. The plain resource is django-import-export's
ModelResource with default settings, fed the same rows' own columns (it keeps no relation).
"""

import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres"
OURS = "本项目导入"
PLAIN = "默认 ModelResource"


class Command(BaseCommand):
    help = "比较台账导入的速度：本项目的导入与 django-import-export 默认 ModelResource，SQLite 与 PostgreSQL。"

    def add_arguments(self, parser):
        parser.add_argument("--trips", type=int, default=10_000)
        parser.add_argument("--projects", type=int, default=10_000)
        parser.add_argument("--databases", default="sqlite,postgres", help="逗号分隔：sqlite、postgres（默认两者）")
        parser.add_argument(
            "--postgres-url",
            default=os.environ.get("BENCH_POSTGRES_URL", DEFAULT_POSTGRES),
            help="可以建库、删库的 PostgreSQL 连接（默认 %(default)s）",
        )
        parser.add_argument(
            "--postgres-database",
            default=os.environ.get("BENCH_POSTGRES_DATABASE", ""),
            help="在这个已有的 PostgreSQL 数据库里跑（每次先清空它的 public 模式），而不是每次新建、删除一个",
        )
        parser.add_argument(
            "--compare-with",
            metavar="DIR",
            help="另一版本的源码目录（如 git archive 解出的 main）：同样的台账在两个版本上各导入一次，并列打印",
        )
        parser.add_argument("--skip-plain", action="store_true", help="不跑默认 ModelResource 的对照")
        parser.add_argument("--worker", choices=["ours", "plain"], help="（内部）在当前 DATABASE_URL 上跑一组导入")
        parser.add_argument("--dir", help="（内部）台账所在目录")

    def handle(self, *args, **options):
        if options["worker"]:
            return self.work(options["worker"], Path(options["dir"]))
        with tempfile.TemporaryDirectory(prefix="bench-ledgers-") as tmp:
            directory = Path(tmp)
            from benchmarks.ledger_data import write_ledgers

            self.stdout.write(f"生成台账：{options['trips']} 次考察、{options['projects']} 个项目 …")
            files = write_ledgers(directory, trips=options["trips"], projects=options["projects"])
            for name, (path, rows) in files.items():
                self.stdout.write(f"  {name}：{rows} 行，{path.stat().st_size / 1024 / 1024:.1f} MB")
            here = Path(__file__).resolve().parents[1]
            versions = [("此版本", here)]
            if options["compare_with"]:
                # The other version first, so that neither always runs on a warmer machine.
                versions.insert(0, ("对照版本", Path(options["compare_with"]).resolve()))
            self.stdout.write(load_line())
            results = []
            for database in [d.strip() for d in options["databases"].split(",") if d.strip()]:
                for version, source in versions:
                    methods = ["ours"] + ([] if options["skip_plain"] or version != "此版本" else ["plain"])
                    for method in methods:
                        rows = self.run_worker(database, method, directory, options, source)
                        for row in rows:
                            row["version"] = version
                            self.stdout.write("  " + self.describe(row))
                        results += rows
            self.stdout.write(load_line())
            self.print_table(results)
            if options["compare_with"]:
                self.print_comparison(results)

    def run_worker(self, database, method, directory, options, source):
        env = dict(os.environ)
        cleanup = None
        postgres_url = options["postgres_url"]
        if database == "sqlite":
            path = directory / f"bench-{method}.sqlite3"
            path.unlink(missing_ok=True)
            env["DATABASE_URL"] = f"sqlite:///{path}"
        elif database == "postgres" and options["postgres_database"]:
            name = options["postgres_database"]
            self.empty_postgres(postgres_url.rsplit("/", 1)[0] + f"/{name}")
            env["DATABASE_URL"] = postgres_url.rsplit("/", 1)[0] + f"/{name}"
        elif database == "postgres":
            name = f"jingmeng_bench_{os.getpid()}_{method}"
            cleanup = self.create_postgres(postgres_url, name)
            env["DATABASE_URL"] = postgres_url.rsplit("/", 1)[0] + f"/{name}"
        else:
            raise CommandError(f"未知的数据库：{database}")
        self.stdout.write(f"{database} · {'本项目导入' if method == 'ours' else '默认 ModelResource'} …")
        # A version from before the benchmark left the apps (--compare-with) has it as a command.
        module = (source / "benchmarks" / "ledger_import.py").exists()
        program = ["-m", "benchmarks.ledger_import"] if module else ["manage.py", "bench_import"]
        try:
            completed = subprocess.run(
                [sys.executable, *program, "--worker", method, "--dir", str(directory)],
                env=env,
                capture_output=True,
                text=True,
                check=False,
                cwd=source,
            )
        finally:
            if cleanup:
                cleanup()
        if completed.returncode != 0:
            raise CommandError(f"{database} {method} 失败：\n{completed.stderr[-3000:]}")
        rows = [json.loads(line) for line in completed.stdout.splitlines() if line.startswith("{")]
        for row in rows:
            row["database"] = database
        return rows

    @staticmethod
    def empty_postgres(url):
        """An existing database, emptied: its public schema dropped and made again."""
        import psycopg2

        with contextlib.closing(psycopg2.connect(url)) as database:
            database.autocommit = True
            with database.cursor() as cursor:
                cursor.execute("DROP SCHEMA public CASCADE")
                cursor.execute("CREATE SCHEMA public")

    def print_comparison(self, results):
        """This version beside the other, ledger by ledger: rows per second and CPU seconds."""
        self.stdout.write("")
        self.stdout.write("对照（同一批台账、同一次运行）：数据库 · 台账：对照版本 → 此版本 行/秒（CPU 秒），变化")
        ours = [r for r in results if r["method"] == OURS]
        before = {(r["database"], r["ledger"]): r for r in ours if r["version"] == "对照版本"}
        for row in ours:
            other = before.get((row["database"], row["ledger"]))
            if row["version"] != "此版本" or other is None:
                continue
            self.stdout.write(
                f"{row['database']} · {row['ledger']}：{other['rows_per_second']:.0f} → {row['rows_per_second']:.0f} "
                f"行/秒（CPU {other['cpu_seconds']:.2f} → {row['cpu_seconds']:.2f} 秒），"
                f"{row['rows_per_second'] / other['rows_per_second'] - 1:+.0%}"
                + (
                    f"；等待 COPY {other['copy_wait_seconds']:.2f} → {row['copy_wait_seconds']:.2f} 秒"
                    if other.get("copy_wait_seconds") and row.get("copy_wait_seconds") is not None
                    else ""
                )
            )

    def create_postgres(self, url, name):
        import psycopg2

        maintenance = psycopg2.connect(url)
        maintenance.autocommit = True
        with maintenance.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')

        def drop():
            with maintenance.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            maintenance.close()

        return drop

    def print_table(self, results):
        self.stdout.write("")
        self.stdout.write(
            "数据库 · 方法 · 台账：行数，秒（CPU 秒），行/秒，查询/千行，峰值内存（RSS，其中本次导入增加）；保留的关系"
        )
        for row in results:
            self.stdout.write(self.describe(row))
        ours = {
            (r["database"], r["ledger"]): r
            for r in results
            if r["method"] == OURS and r.get("version", "此版本") == "此版本"
        }
        for row in results:
            mine = ours.get((row["database"], row["ledger"]))
            if row["method"] != OURS and mine:
                self.stdout.write(
                    f"{row['database']} {row['ledger']}：本项目导入每秒行数是默认 ModelResource 的 "
                    f"{mine['rows_per_second'] / row['rows_per_second']:.1f} 倍"
                )

    @staticmethod
    def describe(row):
        version = f"{row['version']} · " if row.get("version") and row["version"] != "此版本" else ""
        return (
            f"{row['database']} · {version}{row['method']} · {row['ledger']}：{row['rows']} 行，"
            f"{row['seconds']:.2f} 秒（CPU {row['cpu_seconds']:.2f}），{row['rows_per_second']:.0f} 行/秒，"
            f"{row['queries_per_1000']:.1f} 查询/千行，{row['peak_mb']:.0f} MB（+{row['delta_mb']:.0f}）"
            f"{CopyWaits.shown(row)}；{row['relations']}"
        )

    # Worker -------------------------------------------------------------------------------

    def work(self, method, directory):
        call_command("migrate", verbosity=0)
        if method == "ours":
            self.work_ours(directory)
        else:
            self.work_plain(directory)

    def measure(self, label, method, rows, relations, action):
        counter = QueryCounter()
        reset_peak_memory()
        baseline = current_memory_mb()
        waits = CopyWaits()
        with connection.execute_wrapper(counter), waits:
            started, cpu_started = time.perf_counter(), time.process_time()
            action()
            seconds, cpu_seconds = time.perf_counter() - started, time.process_time() - cpu_started
        peak = peak_memory_mb()
        self.stdout.write(
            json.dumps(
                {
                    "method": method,
                    "ledger": label,
                    "rows": rows,
                    "seconds": seconds,
                    "cpu_seconds": cpu_seconds,
                    "rows_per_second": rows / seconds if seconds else 0,
                    "queries_per_1000": counter.count * 1000 / max(rows, 1),
                    "peak_mb": peak,
                    "delta_mb": peak - baseline,
                    "relations": relations,
                    "copy_wait_seconds": waits.seconds,
                },
                ensure_ascii=False,
            )
        )
        self.stdout.flush()

    def work_ours(self, directory):
        from cooperation.ledgers.service import import_file

        def run(name):
            data = (directory / f"{name}.csv").read_bytes()
            report = import_file(data, f"{name}.csv", dry_run=False)
            if report.has_errors:
                raise CommandError("\n".join(report.summary_lines()[:30]))

        relations = {
            "项目": "结对、所在地（新乡镇）、实施主体、协作领域、来源",
            "考察活动": "出发地、目的地、参加人员及人物、考察点、相关项目、协作领域、结对、来源",
            "会议发言": "考察活动、会议、发言人物",
        }
        for name in ("项目", "考察活动", "会议发言"):
            rows = count_rows(directory / f"{name}.csv")
            self.measure(name, OURS, rows, relations[name], lambda n=name: run(n))

    def work_plain(self, directory):
        from benchmarks.ledger_data import plain_datasets

        for name, resource, dataset in plain_datasets(directory):

            def run(resource=resource, dataset=dataset, name=name):
                result = resource.import_data(dataset, dry_run=False)
                if result.has_errors() or result.has_validation_errors():
                    raise CommandError(f"默认 ModelResource 导入 {name} 出错")

            self.measure(name, PLAIN, len(dataset), "无（只有本表的列）", run)


def load_line():
    one, five, fifteen = os.getloadavg()
    return f"负载（uptime 的 load average）：{one:.2f} {five:.2f} {fifteen:.2f}"


def count_rows(path):
    import csv

    with open(path, encoding="utf-8-sig", newline="") as handle:
        return sum(1 for _ in csv.reader(handle)) - 1


class CopyWaits:
    """The seconds the import waited for its COPYs to be done (PostgreSQL, `bulk._CopyWriter`:
    before each other statement and at the end of a sheet) — the part of the wall time the
    client spent neither reading nor planning. Zero where there is no such writer (SQLite)."""

    def __init__(self):
        self.seconds = 0.0
        self.writer = self.original = None

    def __enter__(self):
        try:
            from cooperation.ledgers import bulk
        except ImportError:
            return self
        self.writer = getattr(bulk, "_CopyWriter", None)
        if self.writer is None:
            return self
        self.original = original = self.writer.wait

        def timed(writer):
            started = time.perf_counter()
            try:
                return original(writer)
            finally:
                self.seconds += time.perf_counter() - started

        self.writer.wait = timed
        return self

    def __exit__(self, *exc):
        if self.writer is not None:
            self.writer.wait = self.original

    @staticmethod
    def shown(row):
        seconds = row.get("copy_wait_seconds")
        return f"，等待 COPY {seconds:.2f} 秒" if seconds else ""


class QueryCounter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def reset_peak_memory():
    # Linux: writing 5 to clear_refs resets the peak resident size, so each import is measured alone.
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def _status_mb(field):
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def current_memory_mb():
    return _status_mb("VmRSS")


def peak_memory_mb():
    return _status_mb("VmHWM")


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    Command().run_from_argv([sys.argv[0], "ledger_import", *sys.argv[1:]])


if __name__ == "__main__":
    main()
