from django.urls import path

from portal import opendata

app_name = "opendata"

urlpatterns = [
    path("", opendata.index, name="index"),
    path("datapackage.json", opendata.package, name="package"),
    path("<slug:ledger>.csv", opendata.download, {"file_format": "csv"}, name="csv"),
    path("<slug:ledger>.json", opendata.download, {"file_format": "json"}, name="json"),
]
