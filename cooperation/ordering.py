"""The rows of one parent record in their own order, without sorting by the parent."""


def within_parent(queryset):
    """`queryset` ordered as its model's own order, less the parent it starts with.

    Rows that belong to a record (a trip's participants, a meeting's speeches, a person's
    posts) are ordered by that record first (`ordering = ["delegation", "order", "pk"]`), and
    ordering by a foreign key sorts by the parent's own order: a join to the parent's table,
    and for a speech to its meeting's and its trip's, in every query. A prefetch groups the rows
    by parent anyway, so it asks for the rest of the order only: the same rows in the same order
    for each parent, one query with no join.
    """
    meta = queryset.model._meta
    parent, *rest = meta.ordering
    if not (isinstance(parent, str) and meta.get_field(parent).many_to_one):
        raise ValueError(f"{meta.label} is not ordered by its parent first: {meta.ordering}")
    return queryset.order_by(*rest)
