"""Additions to the generated OpenAPI schema."""

ERROR = {
    "description": "",
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "description": "What was wrong: a message per field, or 'detail'.",
                "additionalProperties": True,
            }
        }
    },
}
ERRORS = {
    "400": "The request was refused; nothing was stored. The answer names what was wrong.",
    "401": "No valid token (or session) was given for a write.",
    "403": "The user may see this but not do this.",
    "404": "There is no such object, or the user may not see it.",
    "409": "A simultaneous write stored the same value first; nothing was stored. Try again.",
    "503": "The database was busy with another write (an import, say); nothing was stored. "
    "Try again after the seconds the Retry-After header gives.",
}
# Answers of the writes that change an existing object and so need If-Match.
VERSIONED = {
    "412": "The object was changed after the version named in If-Match; nothing was stored. "
    "Read it again and send the change with its new ETag.",
    "428": "The write lacks the If-Match header naming the version it changes.",
}


def add_error_responses(result, generator, request, public):
    """Document the error answers that every operation can give, so that clients (and the
    schema tests) know them."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            errors = dict(ERRORS)
            if any(p.get("name") == "If-Match" for p in operation.get("parameters", [])):
                errors.update(VERSIONED)
            for code, description in errors.items():
                responses.setdefault(code, {**ERROR, "description": description})
    return result
