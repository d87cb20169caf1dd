"""Under a dark system palette every page's text stays readable (WCAG contrast from real pixels)."""

from collections import Counter

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from desktop.ui.main_window import create_main_window
from desktop.ui.pages.smelters_page import SmelterReviewPage
from desktop.ui.theme import contrast, current_theme

# Roughly macOS dark mode: light text on a near-black window.
DARK = {
    QPalette.Window: "#1e1e1e", QPalette.WindowText: "#e6e6e6", QPalette.Base: "#252526",
    QPalette.AlternateBase: "#2d2d30", QPalette.Text: "#e6e6e6", QPalette.Button: "#2d2d30",
    QPalette.ButtonText: "#e6e6e6", QPalette.Highlight: "#2f6fa3", QPalette.HighlightedText: "#ffffff",
}


def dark_palette() -> QPalette:
    palette = QPalette()
    for role, colour in DARK.items():
        palette.setColor(role, QColor(colour))
    return palette


@pytest.fixture(params=["dark", "light"])
def window(request, qtbot):
    app = QApplication.instance()
    before = app.palette()
    if request.param == "dark":
        app.setPalette(dark_palette())
    win = create_main_window()
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    win.open_sample_project()
    qtbot.waitExposed(win)
    yield win
    win.close()
    app.setPalette(before)


def text_contrast(image, window, widget, width=None) -> float:
    """Contrast between the widget's commonest pixel (its background) and the pixel furthest from it."""
    origin = widget.mapTo(window, widget.rect().topLeft())
    colours = Counter(
        image.pixel(origin.x() + x, origin.y() + y)
        for x in range(min(width or widget.width(), image.width() - origin.x()))
        for y in range(min(widget.height(), image.height() - origin.y()))
    )
    background = QColor(colours.most_common(1)[0][0])
    return max(contrast(background, QColor(rgb)) for rgb in colours)


def test_titles_subtitles_and_help_are_readable_on_every_page(window):
    for index, page in enumerate(window.wizard.pages):
        window.wizard.step_list.setCurrentRow(index)
        QApplication.processEvents()
        labels = [
            label for label in page.findChildren(QLabel)
            if label.objectName() in ("pageTitle", "pageSubtitle", "outcomeHeadline") and label.isVisible()
            and label.text().strip()
        ]
        assert labels, type(page).__name__
        image = window.grab().toImage()
        for label in labels:
            assert text_contrast(image, window, label) >= 4.5, (type(page).__name__, label.objectName(), label.text())


def test_step_list_summary_counts_and_chart_labels_are_readable(window):
    dark = QApplication.instance().palette().color(QPalette.Window).lightness() < 128
    assert current_theme().dark == dark
    window.wizard.go_to_page(SmelterReviewPage)
    QApplication.processEvents()
    page = window.wizard.page(SmelterReviewPage)
    image = window.grab().toImage()
    assert text_contrast(image, window, window.wizard.step_list) >= 4.5
    for label in page.summary.known.values():
        assert label.text() and text_contrast(image, window, label) >= 4.5, label.text()
    assert text_contrast(image, window, page.summary.countries) >= 4.5
    # The chart's metal names sit in its left 64 pixels; the bars are to their right.
    assert text_contrast(image, window, page.chart, width=64) >= 4.5


def test_the_unresolved_reason_and_the_file_verdict_are_readable(window):
    window.wizard.go_to_page(SmelterReviewPage)
    page = window.wizard.page(SmelterReviewPage)
    page.tabs.setCurrentIndex(1)
    page._select_unresolved(0)
    QApplication.processEvents()
    reason = page.unresolved_detail.reason
    assert reason.text()
    assert text_contrast(window.grab().toImage(), window, reason) >= 4.5

    from desktop.ui.models.declaration_table import FILE
    from desktop.ui.pages.suppliers_page import SuppliersPage

    window.wizard.go_to_page(SuppliersPage)
    suppliers = window.wizard.page(SuppliersPage)
    suppliers.tabs.setCurrentWidget(suppliers.files)
    files = suppliers.files
    names = [files.proxy.index(r, FILE).data() for r in range(files.proxy.rowCount())]
    files.table.selectRow(names.index("Old_Mill_Electronics_CMRT_6.4.xlsx"))
    QApplication.processEvents()
    assert text_contrast(window.grab().toImage(), window, files.verdict_label) >= 4.5


def test_switching_to_dark_while_running_restyles_the_app(qtbot):
    app = QApplication.instance()
    before = app.palette()
    assert not current_theme().dark  # the offscreen platform's palette is light
    win = create_main_window()
    qtbot.addWidget(win)
    title = "#pageTitle {{ font-size: 17pt; font-weight: 600; color: {}; }}"
    try:
        assert title.format("#1b2a38") in app.styleSheet()
        app.setPalette(dark_palette())  # the user switches the system to dark mode
        QApplication.processEvents()
        assert title.format(DARK[QPalette.WindowText]) in app.styleSheet()
        app.setPalette(before)  # and back
        QApplication.processEvents()
        assert title.format("#1b2a38") in app.styleSheet()
    finally:
        app.setPalette(before)
        win.close()
