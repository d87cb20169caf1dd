"""Colours taken from the system palette, so the app reads as well in dark mode as in light.

Fixed dark text on a dark window (macOS dark mode, Windows 11) is unreadable; every colour the
style sheet, the chart and the table models use comes from here instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QGuiApplication, QPalette


def _blend(a: QColor, b: QColor, share_of_b: float) -> QColor:
    """a mixed with b; share_of_b = 0 gives a, 1 gives b."""
    keep = 1 - share_of_b
    return QColor(
        round(a.red() * keep + b.red() * share_of_b),
        round(a.green() * keep + b.green() * share_of_b),
        round(a.blue() * keep + b.blue() * share_of_b),
    )


def luminance(colour: QColor) -> float:
    """Relative luminance as WCAG 2 defines it (0 black, 1 white)."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(colour.red()) + 0.7152 * channel(colour.green()) + 0.0722 * channel(colour.blue())


def contrast(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio, 1 (none) to 21 (black on white); body text wants 4.5 or more."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@dataclass(frozen=True)
class Theme:
    dark: bool
    text: str  # titles, headlines, figures
    muted: str  # subtitles, help under fields, secondary figures
    window: str
    panel: str  # the step list and boxed summaries, a step away from the window
    panel_border: str
    accent: str  # selection and the primary button (white text on it)
    accent_disabled: str
    accent_disabled_text: str  # a disabled primary button must look disabled in dark mode too
    error: str
    warning: str
    success: str
    banner_text: str  # the yellow notice boxes (sample project, stale reference)
    banner_background: str
    banner_border: str
    base: str  # the background of tables and input fields

    def colour(self, name: str) -> QColor:
        return QColor(getattr(self, name))


def theme_for(palette: QPalette) -> Theme:
    window = palette.color(QPalette.Window)
    text = palette.color(QPalette.WindowText)
    dark = luminance(window) < luminance(text)
    if dark:
        return Theme(
            dark=True,
            text=text.name(),
            muted=_blend(text, window, 0.28).name(),
            window=window.name(),
            panel=_blend(window, text, 0.08).name(),
            panel_border=_blend(window, text, 0.22).name(),
            accent="#2f6fa3",
            accent_disabled="#2c3a46",
            accent_disabled_text="#7f8e9b",
            error="#ff8a80",
            warning="#f0b45a",
            success="#7fd49b",
            banner_text="#f3dc9a",
            banner_background="#3d3418",
            banner_border="#806a2a",
            base=palette.color(QPalette.Base).name(),
        )
    return Theme(
        dark=False,
        text="#1b2a38",
        muted="#4f5c69",
        window=window.name(),
        panel="#eef2f6",
        panel_border="#c9d6e3",
        accent="#1f5f8b",
        accent_disabled="#9bb3c6",
        accent_disabled_text="white",
        error="#b3261e",
        warning="#8a5100",
        success="#1e7a3c",
        banner_text="#5a4300",
        banner_background="#fff4d6",
        banner_border="#e3c36b",
        base=palette.color(QPalette.Base).name(),
    )


_cache: tuple[int, Theme] | None = None


def current_theme() -> Theme:
    """The theme of the application's palette now (cached until the palette changes)."""
    global _cache
    palette = QGuiApplication.palette()
    key = palette.cacheKey()
    if _cache is None or _cache[0] != key:
        _cache = (key, theme_for(palette))
    return _cache[1]
