"""config/gunicorn.conf.py: each instance on a machine gets a control socket of its own."""

import runpy
from pathlib import Path

CONF = Path(__file__).resolve().parents[1] / "config" / "gunicorn.conf.py"


def load(monkeypatch, **env):
    for name in ("BIND", "GUNICORN_CONTROL_SOCKET", "XDG_RUNTIME_DIR"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(CONF))


def test_two_instances_on_one_machine_have_two_control_sockets(monkeypatch, tmp_path):
    blue = load(monkeypatch, BIND="127.0.0.1:8000", XDG_RUNTIME_DIR=str(tmp_path))
    green = load(monkeypatch, BIND="127.0.0.1:8001", XDG_RUNTIME_DIR=str(tmp_path))

    assert blue["control_socket"] == str(tmp_path / "jingmeng-127-0-0-1-8000.ctl")
    assert green["control_socket"] == str(tmp_path / "jingmeng-127-0-0-1-8001.ctl")


def test_a_long_unix_socket_address_gives_a_short_control_socket_path(monkeypatch, tmp_path):
    found = load(monkeypatch, BIND="unix:/run/jingmeng/a-rather-long-folder-name/for-the-site/gunicorn.sock",
                 XDG_RUNTIME_DIR=str(tmp_path))

    assert len(found["control_socket"]) < len(str(tmp_path)) + 40


def test_the_control_socket_can_be_named_outright(monkeypatch):
    found = load(monkeypatch, GUNICORN_CONTROL_SOCKET="/run/jingmeng/blue.ctl")

    assert found["control_socket"] == "/run/jingmeng/blue.ctl"


def test_the_setting_is_the_one_gunicorn_reads():
    from gunicorn.config import Config

    assert "control_socket" in Config().settings


def test_the_master_warms_the_preloaded_application_before_forking(monkeypatch):
    # The templates compiled in the master are every forked worker's from its first request, and
    # frozen: the workers' garbage collections leave them out.
    import gc

    from django.template import engines

    hooks = load(monkeypatch)
    logged = []
    server = type("Arbiter", (), {"cfg": type("Cfg", (), {"preload_app": True})(),
                                  "log": type("Log", (), {"info": lambda self, *args: logged.append(args)})()})()
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()
    frozen = gc.get_freeze_count()

    hooks["when_ready"](server)

    assert "visits/delegation_detail.html" in loader.get_template_cache
    assert logged and logged[0][1] > 100
    assert gc.get_freeze_count() > frozen + 10_000
    template = loader.get_template_cache["visits/delegation_detail.html"]
    assert not any(found is template for found in gc.get_objects())  # frozen: no generation holds it
