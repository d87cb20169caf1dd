"""The tiny markup of the wording templates in `resources/templates/`, parsed into blocks.

A compliance reviewer edits plain text; the PDF and EDGAR writers render the same blocks, so both
documents always say the same thing (Rule 104 of Regulation S-T wants the unofficial PDF to match).
The markup is described in `resources/templates/README.txt`. Placeholders use `string.Template`
(`$company`, `${year}`); a placeholder the data does not provide is an error naming file and line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from string import Template

from desktop.core.paths import resource_path


class TemplateProblem(ValueError):
    """A wording template that cannot be used, with the file and line."""


@dataclass(frozen=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False


@dataclass
class Block:
    kind: str  # title, heading, subheading, center, caption, para, indent, bullet, checkbox, grid, directive
    runs: list[Run] = field(default_factory=list)
    rows: list[list[list[Run]]] = field(default_factory=list)  # grid cells
    row_styles: list[str] = field(default_factory=list)  # grid: "" | "header" | "caption"
    widths: list[float] = field(default_factory=list)  # grid: column percentages, when given
    name: str = ""  # directive name
    arg: str = ""  # directive argument; "checked" for checkboxes

    def plain(self) -> str:
        """The block's text without styling, for wording checks and tests."""
        if self.kind == "grid":
            return "\n".join(" ".join(_join(cell) for cell in row) for row in self.rows)
        return _join(self.runs)


def _join(runs: list[Run]) -> str:
    return "".join(run.text for run in runs)


_INLINE = re.compile(r"(\*\*|~~)")


def parse_runs(text: str, context: dict[str, str], where: str) -> list[Run]:
    """Split `**bold**` and `~~italic~~` first, then fill placeholders, so values are never markup."""
    runs, bold, italic = [], False, False
    for piece in _INLINE.split(text):
        if piece == "**":
            bold = not bold
        elif piece == "~~":
            italic = not italic
        elif piece:
            try:
                filled = Template(piece).substitute(context)
            except KeyError as missing:
                raise TemplateProblem(f"{where}: unknown placeholder ${missing.args[0]}") from None
            except ValueError as bad:
                raise TemplateProblem(f"{where}: {bad} (write $$ for a dollar sign)") from None
            runs.append(Run(filled, bold, italic))
    return runs


def _active_lines(lines: list[str], flags: set[str], name: str) -> list[tuple[int, str]]:
    """Drop comments and the lines of @if blocks whose flag is off (nesting allowed)."""
    kept, stack = [], []
    for number, raw in enumerate(lines, start=1):
        line = raw.rstrip("\n")
        stripped = line.strip()
        if stripped.startswith(";;"):
            continue
        if stripped.startswith("@if "):
            flag = stripped[4:].strip()
            negate = flag.startswith("not ")
            flag = flag[4:].strip() if negate else flag
            stack.append((flag in flags) != negate)
            continue
        if stripped == "@else":
            if not stack:
                raise TemplateProblem(f"{name} line {number}: @else without @if")
            stack[-1] = not stack[-1]
            continue
        if stripped == "@endif":
            if not stack:
                raise TemplateProblem(f"{name} line {number}: @endif without @if")
            stack.pop()
            continue
        if all(stack):
            kept.append((number, line))
    if stack:
        raise TemplateProblem(f"{name}: an @if is not closed with @endif")
    return kept


_PREFIXES = (
    ("### ", "subheading"),
    ("## ", "heading"),
    ("# ", "title"),
    ("^~ ", "caption"),
    ("^ ", "center"),
    ("> ", "indent"),
    ("- ", "bullet"),
)


def parse_template(text: str, context: dict[str, str], flags: set[str], name: str) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []
    grid: Block | None = None

    def flush(number: int) -> None:
        nonlocal grid
        if paragraph:
            blocks.append(Block("para", parse_runs(" ".join(paragraph), context, f"{name} line {number}")))
            paragraph.clear()
        if grid is not None:
            blocks.append(grid)
            grid = None

    for number, line in _active_lines(text.splitlines(), flags, name):
        where = f"{name} line {number}"
        stripped = line.strip()
        if not stripped:
            flush(number)
            continue
        if stripped.startswith("|"):
            if paragraph:
                flush(number)
            grid = grid or Block("grid")
            marker = stripped[1:2]
            body = stripped[2:] if marker in "=~%" else stripped[1:]
            cells = [cell.strip() for cell in body.rstrip().rstrip("|").split("|")]
            if marker == "%":
                grid.widths = [float(cell) for cell in cells]
                continue
            grid.rows.append([parse_runs(cell, context, where) for cell in cells])
            grid.row_styles.append({"=": "header", "~": "caption"}.get(marker, ""))
            continue
        if grid is not None:
            flush(number)
        if stripped.startswith("@"):
            flush(number)
            directive, _, arg = stripped[1:].partition(" ")
            blocks.append(Block("directive", name=directive, arg=Template(arg.strip()).safe_substitute(context)))
            continue
        if stripped.startswith(("[x] ", "[ ] ")):
            flush(number)
            checked = "checked" if stripped[1] == "x" else ""
            blocks.append(Block("checkbox", parse_runs(stripped[4:], context, where), arg=checked))
            continue
        for prefix, kind in _PREFIXES:
            if stripped.startswith(prefix):
                flush(number)
                blocks.append(Block(kind, parse_runs(stripped[len(prefix):], context, where)))
                break
        else:
            paragraph.append(stripped)
    flush(len(text.splitlines()))
    return blocks


def load_template(filename: str) -> str:
    path = resource_path("templates", filename)
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise TemplateProblem(f"{path}: cannot read the wording template ({error.strerror})") from None
