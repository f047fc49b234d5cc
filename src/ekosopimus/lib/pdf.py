"""Turning an HTML page into PDF with WeasyPrint, or saying plainly why it cannot be done here."""

from django.utils.translation import gettext as _


class PdfUnavailable(RuntimeError):
    """PDF rendering needs system libraries (Pango) that this machine lacks."""


def html_to_pdf(html: str, *, base_url: str | None = None) -> bytes:
    """The PDF of ``html``. Raises ``PdfUnavailable`` with a plain message when WeasyPrint or
    the system libraries it needs are missing; the rest of the application keeps working."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:
        raise PdfUnavailable(
            _(
                "PDF files cannot be made on this server: the libraries that PDF rendering "
                "needs (WeasyPrint and Pango) are not installed. The same content is available "
                "as a web page. (%(detail)s)"
            )
            % {"detail": error}
        ) from error
    return HTML(string=html, base_url=base_url).write_pdf()
