"""View decorators for who may write. Roles per agreement build on these later."""

from django.contrib.auth.decorators import user_passes_test


def _is_staff(user) -> bool:
    return user.is_active and user.is_staff


staff_required = user_passes_test(_is_staff)
"""Writes to the portfolio need a signed-in staff user; others are sent to sign in."""
