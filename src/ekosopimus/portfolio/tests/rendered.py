"""Reading a rendered form back as a browser would post it, untouched."""

from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self):
        super().__init__()
        self.data: dict[str, str] = {}
        self.labels: set[str] = set()
        self.ids: list[str] = []
        self.labelled: set[str] = set()
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "label" and attrs.get("for"):
            self.labels.add(attrs["for"])
        if tag in ("input", "select", "textarea") and attrs.get("type") not in (
            "hidden",
            "submit",
        ):
            if attrs.get("aria-label") or attrs.get("aria-labelledby"):
                self.labelled.add(attrs.get("id", ""))
            self.ids.append(attrs.get("id", ""))
        if tag == "input" and name and attrs.get("type") not in ("submit", "checkbox", "radio"):
            self.data[name] = attrs.get("value") or ""
        elif tag == "input" and name and "checked" in attrs:
            self.data[name] = attrs.get("value") or "on"
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, "")
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            self.data[self._textarea] += data.removeprefix("\n")


def form_data(html: str) -> dict[str, str]:
    """The fields of the page's forms with the values they show, as a browser posts them."""
    parser = _Form()
    parser.feed(html)
    return parser.data


def unlabelled_inputs(html: str) -> list[str]:
    """The ids of visible inputs that neither a label nor an ARIA attribute names."""
    parser = _Form()
    parser.feed(html)
    return [i for i in parser.ids if i not in parser.labels and i not in parser.labelled]
