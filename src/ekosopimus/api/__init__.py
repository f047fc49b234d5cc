"""The REST API: the same reads and the same service functions as the pages, with the same
role rules (``accounts.access``), under ``/api/v1/``."""
