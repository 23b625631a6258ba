"""The preview loads nothing itself: pictures come embedded by the export, files and the web are refused."""

from PySide6.QtCore import QUrl
from PySide6.QtGui import QTextDocument

from editor.app.widgets.preview import SafeTextBrowser


def test_the_browser_loads_embedded_pictures_only(qapp, tmp_path):
    from tests.core.formats.test_docx_sample import tiny_png

    picture = tmp_path / "p.png"
    picture.write_bytes(tiny_png())
    browser = SafeTextBrowser()
    kind = int(QTextDocument.ResourceType.ImageResource.value)
    for url in (QUrl.fromLocalFile(str(picture)), QUrl("https://example.org/x.png"), QUrl("p.png")):
        shown = browser.loadResource(kind, url)
        assert shown is not None and shown.isNull()  # never None: Qt would then open the file itself
    assert browser.refused == [QUrl.fromLocalFile(str(picture)).toString(), "https://example.org/x.png", "p.png"]
    browser.setHtml(f'<p><img src="{QUrl.fromLocalFile(str(picture)).toString()}"></p>')
    assert browser.document().resource(kind, QUrl.fromLocalFile(str(picture))).isNull()
    del browser.refused[3:]
    import base64

    uri = "data:image/png;base64," + base64.b64encode(tiny_png()).decode()
    browser.setHtml(f'<p><img src="{uri}"></p>')  # QTextDocument decodes data: itself
    assert browser.document().resource(kind, QUrl(uri)) is not None
    assert not browser.refused[3:]
