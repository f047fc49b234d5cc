from .access import access_for


def access(request) -> dict:
    """The signed-in user's roles, for showing only the actions they may take."""
    return {"access": access_for(request.user)}
