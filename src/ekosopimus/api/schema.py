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
}


def add_error_responses(result, generator, request, public):
    """Document the error answers that every operation can give, so that clients (and the
    schema tests) know them."""
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for code, description in ERRORS.items():
                responses.setdefault(code, {**ERROR, "description": description})
    return result
