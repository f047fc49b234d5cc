"""Values read from a URL's query."""


def id_from(value: str) -> int | None:
    """An object id from a URL, or None for anything that cannot be one. A database id has at
    most 18 digits; a longer number would overflow the query rather than find nothing."""
    return int(value) if value.isdigit() and len(value) <= 18 else None
