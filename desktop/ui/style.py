"""The application's look: one calm style sheet instead of per-widget colours."""

ACCENT = "#1f5f8b"
ERROR = "#b3261e"

STYLE_SHEET = f"""
QWidget {{ font-size: 10pt; }}
#pageTitle {{ font-size: 17pt; font-weight: 600; color: #1b2a38; }}
#pageSubtitle {{ color: #4a5866; margin-bottom: 6px; }}
#fieldHelp {{ color: #5f6b76; font-size: 9pt; }}
#fieldError {{ color: {ERROR}; font-size: 9pt; }}
#stepList {{ background: #eef2f6; border: none; padding-top: 8px; }}
#stepList::item {{ padding: 8px 10px; border-radius: 4px; color: #1b2a38; }}
#stepList::item:selected {{ background: {ACCENT}; color: white; }}
#outcomeBox {{ background: #f3f7fb; border: 1px solid #c9d6e3; border-radius: 6px; }}
#outcomeHeadline {{ font-size: 11pt; font-weight: 600; color: #1b2a38; }}
#sampleBanner {{ background: #fff4d6; border: 1px solid #e3c36b; border-radius: 4px; padding: 6px 10px; color: #5a4300; }}
#saveStatus {{ color: #5f6b76; font-size: 9pt; }}
#startTitle {{ font-size: 22pt; font-weight: 600; color: #1b2a38; }}
#startIntro {{ color: #4a5866; font-size: 11pt; }}
QPushButton#primary {{ background: {ACCENT}; color: white; border-radius: 4px; padding: 6px 16px; }}
QPushButton#primary:disabled {{ background: #9bb3c6; }}
#claimBlock {{ border: none; border-left: 3px solid #e3a008; }}
#claimBlock[state="confirmed"] {{ border-left: 3px solid #2e7d32; }}
#claimBlock[state="changed"] {{ border-left: 3px solid {ERROR}; }}
#claimStatus {{ font-size: 9pt; padding: 1px 6px; border-radius: 3px; background: #fff4d6; color: #5a4300; }}
#claimStatus[state="confirmed"] {{ background: #e3f1e4; color: #1e5b22; }}
#claimStatus[state="changed"] {{ background: #fde4e1; color: #8c1d13; }}
QGroupBox {{ font-weight: 600; margin-top: 12px; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 2px; padding: 0 2px; }}
"""
