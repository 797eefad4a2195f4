"""config/warmup.py: what a worker would do on its first requests, done before the workers fork."""

import pytest
from django.core.cache import caches
from django.template import engines

from config.warmup import warm


@pytest.mark.django_db
def test_warming_up_compiles_the_templates_and_reads_no_database(django_assert_num_queries):
    loader = engines["django"].engine.template_loaders[0]
    loader.reset()

    with django_assert_num_queries(0):
        compiled = warm()

    assert compiled > 100
    assert {"visits/delegation_detail.html", "portal/search.html", "admin/change_form.html"} <= set(
        loader.get_template_cache)


def test_warming_up_leaves_no_cache_client_to_share_with_the_forked_workers():
    caches["default"]
    warm()

    assert not hasattr(caches._connections, "default")
