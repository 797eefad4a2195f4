"""Open data: published trips, speeches and projects in the columns of the import ledgers,
as a Frictionless data package (`datapackage.json`, see `portal.datapackage`).

Only what an anonymous visitor may see: each ledger's `export_queryset(public=True)` starts
from `published()` (drafts, 待审, withdrawn and future-dated records never appear), and a
trip lists only the published projects its site visits inspected. The ledgers are reached
through `settings.LEDGERS`, so `cooperation` imports neither `visits` nor `projects`.
The files are always written in Chinese, the language the import reads, whatever the reader's.
"""

import datetime
import json

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from cooperation import content_version
from cooperation.dates import format_partial_date_iso
from cooperation.ledgers.cells import CellError, parse_date
from cooperation.ledgers.files import write_csv
from portal import datapackage

CACHE_SECONDS = 300
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


@require_GET
def index(request):
    downloads = [{"table": table, "count": table.count()} for table in datapackage.tables()]
    context = {"downloads": downloads, "section": "opendata", "json_ld": _catalog_json_ld(request, downloads)}
    return render(request, "portal/opendata.html", context)


def _catalog_json_ld(request, downloads):
    """The downloads as a schema.org DataCatalog: a Dataset per ledger, a distribution per format."""
    return {
        "@context": "https://schema.org",
        "@type": "DataCatalog",
        "name": gettext("开放数据"),
        "url": request.build_absolute_uri(request.path),
        "inLanguage": "zh-Hans",
        "dataset": [
            {
                "@type": "Dataset",
                "name": item["table"].title,
                "description": item["table"].description,
                "variableMeasured": list(item["table"].headers),
                "distribution": [
                    {
                        "@type": "DataDownload",
                        "encodingFormat": FORMATS[file_format].split(";")[0],
                        "contentUrl": request.build_absolute_uri(
                            reverse(f"opendata:{file_format}", args=[item["table"].name])
                        ),
                    }
                    for file_format in FORMATS
                ],
            }
            for item in downloads
        ],
    }


@require_GET
def package(request):
    """datapackage.json: what each download holds, its types, keys and the links between them."""
    data = _cached(f"opendata:datapackage:{request.get_host()}", lambda: _package_json(request))
    response = HttpResponse(data, content_type="application/json; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _package_json(request):
    document = datapackage.descriptor(
        datapackage.tables(),
        resource_path=lambda name: request.build_absolute_uri(reverse("opendata:csv", args=[name])),
        title=gettext("京蒙协作记录 开放数据"),
        homepage=request.build_absolute_uri(reverse("opendata:index")),
        created=timezone.now().isoformat(timespec="seconds"),
    )
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


@require_GET
def download(request, ledger, file_format):
    table = datapackage.table(ledger)
    if table is None or file_format not in FORMATS:
        raise Http404
    # Addresses in the rows are absolute, so the host is part of the key.
    data = _cached(
        f"opendata:{ledger}:{file_format}:{request.get_host()}",
        lambda: _write(table, file_format, request.build_absolute_uri),
    )
    response = HttpResponse(data, content_type=FORMATS[file_format])
    response["Content-Disposition"] = content_disposition_header(
        False, f"{table.title}-{timezone.localdate():%Y%m%d}.{file_format}"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _cached(key, make):
    """Kept until a table it read is written: the next download after a change is fresh. Written
    in the language the import reads, whatever the reader's."""

    def made_in_chinese():
        with translation.override(settings.LANGUAGE_CODE):
            return make()

    return content_version.cached(key, made_in_chinese, CACHE_SECONDS)


def _write(table, file_format, absolute):
    rows = table.rows(absolute)
    return write_csv(table.headers, rows) if file_format == "csv" else _json(table, rows)


def _json(table, rows):
    records = [{header: _json_value(value) for header, value in zip(table.headers, row, strict=True)} for row in rows]
    document = {
        "ledger": table.title,
        "columns": list(table.headers),
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "records": records,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def _json_value(value):
    """Dates as ISO 8601 at the record's precision (2024-06-20, 2024-06, 2024); the rest as is."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and value[:4].isdigit() and value.endswith(("年", "月")):
        try:
            date, precision = parse_date(value)
        except CellError:
            return value
        return format_partial_date_iso(date, precision)
    return value
