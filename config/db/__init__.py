"""The site's database backends: Django's PostgreSQL and SQLite backends with the compiler of
`config.db.shapes` (a SELECT's columns, tables and order compiled once per shape of query)."""
