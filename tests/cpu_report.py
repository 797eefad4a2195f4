"""Where a test run's CPU goes (`pytest --cpu-report`): by module, by test and in each worker's set-up.

Wall time on a shared machine says little; CPU time does. For each test (its set-up, call and
tear-down) this records the CPU of the process that runs it (time.process_time) and of the
processes it started and waited for (resource.getrusage(RUSAGE_CHILDREN): manage.py, gunicorn,
PostgreSQL's tools, Java's Nu checker …). A child is counted when it ends, so the Playwright
driver and its Chromium, which live as long as the worker, are counted in the worker's last test.
A worker's first test also holds the worker's test database set-up (the migrations, or the copy
of the run's template: tests/databases.py). Not counted: the database server's own processes,
which no test starts. The controller of a run with workers counts its workers as its children.

Each worker writes what it measured to the run's folder; the controller (or the one process of a
run without workers) adds them up and prints the report after the tests' summary.
"""

import json
import resource
import time

import pytest

TOP = 15


def _children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


class CpuReport:
    def __init__(self, config):
        self.config = config
        self.worker = getattr(config, "workerinput", {}).get("workerid")
        self.tests = []
        self.collected = None

    def _folder(self):
        folder = self.config._tmp_path_factory.getbasetemp()
        return folder.parent if self.worker else folder

    def pytest_collection_finish(self, session):
        self.collected = time.process_time()

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_protocol(self, item, nextitem):
        cpu, children = time.process_time(), _children_cpu()
        try:
            return (yield)
        finally:
            self.tests.append((item.nodeid, time.process_time() - cpu, _children_cpu() - children))

    def pytest_sessionfinish(self, session):
        measured = {
            "worker": self.worker or "main", "collection": self.collected or 0.0, "cpu": time.process_time(),
            "children": _children_cpu(), "tests": self.tests,
        }
        (self._folder() / f"cpu-report-{measured['worker']}.json").write_text(json.dumps(measured))

    def pytest_terminal_summary(self, terminalreporter):
        if self.worker:
            return
        workers = [json.loads(path.read_text()) for path in sorted(self._folder().glob("cpu-report-*.json"))]
        write = terminalreporter.write_line
        terminalreporter.section("CPU by worker, module and test (seconds: the process's own + its children's)")
        write("worker      collection  tests  process  children")
        for worker in workers:
            tests = sum(cpu for _, cpu, _ in worker["tests"])
            write(f"{worker['worker']:<10}{worker['collection']:12.1f}{tests:7.1f}{worker['cpu']:9.1f}"
                  f"{worker['children']:10.1f}")
        total_cpu = sum(worker["cpu"] for worker in workers)
        total_children = sum(worker["children"] for worker in workers)
        write(f"{'all':<10}{'':12}{'':7}{total_cpu:9.1f}{total_children:10.1f}")
        tests = [test for worker in workers for test in worker["tests"]]
        modules = {}
        for nodeid, cpu, children in tests:
            spent = modules.setdefault(nodeid.split("::")[0], [0.0, 0.0, 0])
            spent[0], spent[1], spent[2] = spent[0] + cpu, spent[1] + children, spent[2] + 1
        write("")
        write(f"the {TOP} modules that cost most:   total   own  children  tests")
        for module, (cpu, children, count) in sorted(modules.items(), key=lambda item: -sum(item[1][:2]))[:TOP]:
            write(f"  {cpu + children:7.1f} {cpu:7.1f} {children:7.1f} {count:5d}  {module}")
        write("")
        write(f"the {TOP} tests that cost most:   total   own  children")
        for nodeid, cpu, children in sorted(tests, key=lambda test: -(test[1] + test[2]))[:TOP]:
            write(f"  {cpu + children:7.1f} {cpu:7.1f} {children:7.1f}  {nodeid}")
