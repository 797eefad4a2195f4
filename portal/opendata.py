"""Open data: published trips, speeches and projects in the columns of the import ledgers.

Only what an anonymous visitor may see: each ledger's `export_queryset(public=True)` starts
from `published()` (drafts, 待审, withdrawn and future-dated records never appear), and a
trip lists only the published projects its site visits inspected. The ledgers are reached
through `settings.LEDGERS`, so `cooperation` imports neither `visits` nor `projects`.
"""

import datetime
import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext
from django.views.decorators.http import require_GET

from cooperation import content_version
from cooperation.dates import format_partial_date_iso
from cooperation.ledgers.cells import CellError, parse_date
from cooperation.ledgers.files import write_csv
from cooperation.ledgers.service import ledgers

CACHE_SECONDS = 300
FORMATS = {"csv": "text/csv; charset=utf-8", "json": "application/json; charset=utf-8"}


def available():
    return {ledger.ledger_slug: ledger for ledger in ledgers()}


@require_GET
def index(request):
    downloads = []
    for ledger in ledgers():
        count = ledger.export_queryset(public=True).count()
        downloads.append({"ledger": ledger, "count": count})
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
                "name": str(item["ledger"].ledger_name),
                "variableMeasured": [str(header) for header in item["ledger"].ledger_headers],
                "distribution": [
                    {
                        "@type": "DataDownload",
                        "encodingFormat": FORMATS[file_format].split(";")[0],
                        "contentUrl": request.build_absolute_uri(
                            reverse(f"opendata:{file_format}", args=[item["ledger"].ledger_slug])
                        ),
                    }
                    for file_format in FORMATS
                ],
            }
            for item in downloads
        ],
    }


@require_GET
def download(request, ledger, file_format):
    resource = available().get(ledger)
    if resource is None or file_format not in FORMATS:
        raise Http404
    # Kept until a table it read is written: the next download after a change is fresh.
    def export():
        rows = resource.export_rows(resource.export_queryset(public=True), public=True)
        return write_csv(resource.ledger_headers, rows) if file_format == "csv" else _json(resource, rows)

    data = content_version.cached(f"opendata:{ledger}:{file_format}", export, CACHE_SECONDS)
    response = HttpResponse(data, content_type=FORMATS[file_format])
    response["Content-Disposition"] = content_disposition_header(
        False, f"{resource.ledger_name}-{timezone.localdate():%Y%m%d}.{file_format}"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _json(resource, rows):
    records = [
        {header: _json_value(value) for header, value in zip(resource.ledger_headers, row, strict=True)} for row in rows
    ]
    document = {
        "ledger": resource.ledger_name,
        "columns": list(resource.ledger_headers),
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
