"""The application's look: one calm style sheet instead of per-widget colours.

Its colours come from the system palette (desktop.ui.theme), so dark mode stays readable; the sheet
is rebuilt whenever the palette changes.
"""

from __future__ import annotations

from PySide6.QtWidgets import QApplication

from desktop.ui.theme import Theme, current_theme


def style_sheet(theme: Theme) -> str:
    t = theme
    return f"""
QWidget {{ font-size: 10pt; }}
#pageTitle {{ font-size: 17pt; font-weight: 600; color: {t.text}; }}
#pageSubtitle {{ color: {t.muted}; margin-bottom: 6px; }}
#fieldHelp {{ color: {t.muted}; font-size: 9pt; }}
#fieldError {{ color: {t.error}; font-size: 9pt; }}
#stepList {{ background: {t.panel}; border: none; padding-top: 8px; }}
#stepList::item {{ padding: 8px 10px; border-radius: 4px; color: {t.text}; }}
#stepList::item:selected {{ background: {t.accent}; color: white; }}
#outcomeBox {{ background: {t.panel}; border: 1px solid {t.panel_border}; border-radius: 6px; color: {t.text}; }}
#outcomeHeadline {{ font-size: 11pt; font-weight: 600; color: {t.text}; }}
#sampleBanner, #noticeBanner {{ background: {t.banner_background}; border: 1px solid {t.banner_border};
    border-radius: 4px; padding: 6px 10px; color: {t.banner_text}; }}
#unresolvedReason {{ background: {t.panel}; border: 1px solid {t.panel_border}; border-radius: 4px; padding: 4px;
    color: {t.text}; }}
#emptyHint {{ color: {t.muted}; font-size: 11pt; padding: 12px 4px; }}
#waitingNote {{ color: {t.muted}; font-size: 11pt; padding: 12px 4px; }}
#overdueNote {{ color: {t.warning}; font-weight: 600; }}
#saveStatus {{ color: {t.muted}; font-size: 9pt; }}
#startTitle {{ font-size: 22pt; font-weight: 600; color: {t.text}; }}
#startIntro {{ color: {t.muted}; font-size: 11pt; }}
QPushButton#primary {{ background: {t.accent}; color: white; border-radius: 4px; padding: 6px 16px; }}
QPushButton#primary:disabled {{ background: {t.accent_disabled}; color: {t.accent_disabled_text}; }}
#claimBlock {{ border: none; border-left: 3px solid {t.warning}; }}
#claimBlock[state="confirmed"] {{ border-left: 3px solid {t.success}; }}
#claimBlock[state="changed"] {{ border-left: 3px solid {t.error}; }}
#claimStatus {{ font-size: 9pt; padding: 1px 6px; border-radius: 3px; background: {t.banner_background}; color: {t.banner_text}; }}
#claimStatus[state="confirmed"] {{ background: {t.panel}; color: {t.success}; }}
#claimStatus[state="changed"] {{ background: {t.panel}; color: {t.error}; }}
QGroupBox {{ font-weight: 600; margin-top: 12px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 2px; padding: 0 2px; }}
"""


def apply_style(app: QApplication) -> None:
    """Style the app for its palette now; the main window calls it again when the palette changes."""
    sheet = style_sheet(current_theme())
    if app.styleSheet() != sheet:  # setting a sheet re-polishes every widget: only when it differs
        app.setStyleSheet(sheet)
