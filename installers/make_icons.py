"""Draw the app icon once and derive every platform format from it.

    python3 installers/make_icons.py

The source image `resources/icons/app-icon.png` (1024 px) is drawn here with Pillow so it can be
redrawn without a design tool; the `.ico` (Windows), `.icns` (macOS) and the PNG sizes (Linux,
window icons) are all derived from that one image. Pillow is only needed to run this script; the
generated files are committed and the app never imports Pillow.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PIL import Image, ImageDraw

ICONS_DIR = Path(__file__).resolve().parents[1] / "resources" / "icons"
SOURCE = ICONS_DIR / "app-icon.png"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)  # what Explorer asks for, 256 for large tiles

NAVY = (22, 52, 84, 255)
PAPER = (250, 251, 252, 255)
FOLD = (205, 214, 224, 255)
TEXT_LINE = (160, 173, 188, 255)
GOLD_LIGHT = (244, 196, 72, 255)
GOLD_DARK = (196, 140, 28, 255)
GOLD_MID = (226, 170, 48, 255)
GREEN = (34, 139, 84, 255)
WHITE = (255, 255, 255, 255)


def draw_source(size: int = 1024) -> Image.Image:
    """A document with a faceted mineral and a check mark on a navy tile."""
    scale = 4  # draw big, then downsample: Pillow's shapes are not anti-aliased
    s = size * scale
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)

    def px(v: float) -> int:
        return round(v * s)

    # Tile with the rounded corners macOS and Windows 11 icons share.
    d.rounded_rectangle([px(0.06), px(0.06), px(0.94), px(0.94)], radius=px(0.18), fill=NAVY)

    # The filing: a sheet with a folded corner and lines of text.
    left, top, right, bottom, fold = 0.25, 0.17, 0.71, 0.83, 0.12
    d.polygon(
        [(px(left), px(top)), (px(right - fold), px(top)), (px(right), px(top + fold)),
         (px(right), px(bottom)), (px(left), px(bottom))],
        fill=PAPER,
    )
    d.polygon(
        [(px(right - fold), px(top)), (px(right - fold), px(top + fold)), (px(right), px(top + fold))],
        fill=FOLD,
    )
    for i, width in enumerate((0.28, 0.34, 0.30, 0.18)):
        y = top + 0.11 + i * 0.075
        d.rounded_rectangle([px(left + 0.06), px(y), px(left + 0.06 + width), px(y + 0.03)],
                            radius=px(0.015), fill=TEXT_LINE)

    # The mineral: a cut crystal, drawn as facets so it reads as a stone at 32 px.
    cx, cy, w, h = 0.39, 0.66, 0.13, 0.12
    crown = [(px(cx - w), px(cy - h * 0.35)), (px(cx - w * 0.55), px(cy - h)),
             (px(cx + w * 0.55), px(cy - h)), (px(cx + w), px(cy - h * 0.35))]
    tip = (px(cx), px(cy + h))
    d.polygon(crown, fill=GOLD_LIGHT)
    d.polygon([crown[0], crown[3], tip], fill=GOLD_MID)
    d.polygon([(px(cx), px(cy - h * 0.35)), crown[3], tip], fill=GOLD_DARK)

    # The check mark: the filing is done, in a green disc overlapping the sheet's corner.
    gx, gy, r = 0.70, 0.71, 0.15
    d.ellipse([px(gx - r - 0.015), px(gy - r - 0.015), px(gx + r + 0.015), px(gy + r + 0.015)], fill=NAVY)
    d.ellipse([px(gx - r), px(gy - r), px(gx + r), px(gy + r)], fill=GREEN)
    d.line([(px(gx - 0.075), px(gy + 0.005)), (px(gx - 0.02), px(gy + 0.06)), (px(gx + 0.08), px(gy - 0.055))],
           fill=WHITE, width=px(0.04), joint="curve")

    return img.resize((size, size), Image.LANCZOS)


def derive(source: Image.Image, folder: Path) -> list[Path]:
    """Write the PNG sizes, the .ico and the .icns next to the source; return what was written."""
    written = []
    for size in PNG_SIZES:
        path = folder / f"app-icon-{size}.png"
        source.resize((size, size), Image.LANCZOS).save(path, optimize=True)
        written.append(path)
    ico = folder / "app-icon.ico"
    source.save(ico, sizes=[(n, n) for n in ICO_SIZES])
    icns = folder / "app-icon.icns"
    source.save(icns)  # Pillow writes every ICNS size from 16 to 1024 (retina) from one image
    written += [ico, icns]
    return written


def main() -> int:
    ICONS_DIR.mkdir(parents=True, exist_ok=True)
    source = draw_source()
    source.save(SOURCE, optimize=True)
    for path in [SOURCE, *derive(source, ICONS_DIR)]:
        print(f"{path.relative_to(ICONS_DIR.parents[1])}  {path.stat().st_size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
