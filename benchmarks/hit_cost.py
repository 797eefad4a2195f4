"""CPU time per request, in one process, of the bare view and of a page-cache hit.

    DATABASE_URL=… CACHE_URL=redis://127.0.0.1:6379/8 python -m benchmarks.hit_cost /visits/<slug>/

Run by `python -m benchmarks.serve_load` (part `pages`) with the server's environment. The WSGI
application (benchmarks/wsgi.py) is called directly, without a server or a socket between, and
the process's CPU time is counted: unlike requests per second through wrk, this hardly moves
with the machine's load, so it shows what a hit costs beside the bare view on a busy machine.
The Redis round trip of a hit is counted on this side only (the client's work and the wait is
not CPU time).
"""

import io
import os
import sys
import time

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")


def call(application, path):
    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": path, "QUERY_STRING": "", "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80", "HTTP_HOST": "127.0.0.1", "wsgi.input": io.BytesIO(), "wsgi.url_scheme": "http",
        "wsgi.errors": sys.stderr, "SERVER_PROTOCOL": "HTTP/1.1",
    }
    answer = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, dict(headers)

    body = b"".join(application(environ, start_response))
    return answer["status"], answer["headers"].get("X-Page-Cache"), len(body)


def cost(application, path, repeat):
    for _ in range(50):
        call(application, path)
    started = time.process_time()
    for _ in range(repeat):
        call(application, path)
    return (time.process_time() - started) / repeat * 1e6


def main():
    from benchmarks.wsgi import application

    trip = sys.argv[1]
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    call(application, trip)
    assert call(application, trip)[1] == "hit", "the trip page is not served from the cache"
    bare, hit = cost(application, "/bench/bare", repeat), cost(application, trip, repeat)
    print(f"CPU per request in one process ({repeat:,} each): bare view {bare:.0f} µs, page-cache hit {hit:.0f} µs "
          f"(bare/hit {bare / hit:.2f})")


if __name__ == "__main__":
    main()
