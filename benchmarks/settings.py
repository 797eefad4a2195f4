"""Settings for the serving benchmark only (`python -m benchmarks.serve_load`), never for the site.

The site's own settings, with a URLconf that adds two benchmark-only addresses beside the
site's: a bare view returning a constant string, and the site's pages again under
/bench/uncached/, which the page cache leaves alone, so that one server answers all three.
"""

from config.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
PAGE_CACHE_EXCLUDED_PATHS = (*PAGE_CACHE_EXCLUDED_PATHS, "/bench/")  # noqa: F405
# The site's namespaces appear twice (the second time under /bench/uncached/) on purpose.
SILENCED_SYSTEM_CHECKS = ["urls.W005"]
