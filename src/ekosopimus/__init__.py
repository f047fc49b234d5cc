"""Ekosopimus: register, portfolio and monitoring of Finland's innovation ecosystem agreements."""
