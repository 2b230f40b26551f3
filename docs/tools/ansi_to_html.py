#!/usr/bin/python3
"""Turns a terminal screen captured with its colours (`tmux capture-pane -e -p`) into a standalone HTML page that
looks like a dark terminal: SGR bold, underline, reverse, the 16 colours and default foreground/background.

Usage: ansi_to_html.py < screen.ansi > screen.html
"""
import html
import re
import sys

# The 16 colours as a common dark terminal theme shows them (VS Code's default dark terminal).
COLOURS = ["#000000", "#cd3131", "#0dbc79", "#e5e510", "#2472c8", "#bc3fbc", "#11a8cd", "#e5e5e5",
           "#666666", "#f14c4c", "#23d18b", "#f5f543", "#3b8eea", "#d670d6", "#29b8db", "#e5e5e5"]
FG, BG = "#cccccc", "#1e1e1e"
SGR = re.compile(r"\x1b\[([0-9;]*)m")


def convert(text):
    state = {"bold": False, "underline": False, "reverse": False, "fg": None, "bg": None}
    out = []
    pos = 0
    for match in list(SGR.finditer(text)) + [None]:
        chunk = text[pos:match.start()] if match else text[pos:]
        if chunk:
            fg, bg = state["fg"] or FG, state["bg"] or BG
            if state["reverse"]:
                fg, bg = bg, fg
            style = f"color:{fg};" + (f"background:{bg};" if bg != BG else "")
            style += "font-weight:bold;" if state["bold"] else ""
            style += "text-decoration:underline;" if state["underline"] else ""
            out.append(f'<span style="{style}">{html.escape(chunk)}</span>')
        if not match:
            break
        pos = match.end()
        codes = [int(c) if c else 0 for c in match.group(1).split(";")]
        for code in codes:
            if code == 0:
                state.update(bold=False, underline=False, reverse=False, fg=None, bg=None)
            elif code == 1:
                state["bold"] = True
            elif code == 4:
                state["underline"] = True
            elif code == 7:
                state["reverse"] = True
            elif code == 22:
                state["bold"] = False
            elif code == 24:
                state["underline"] = False
            elif code == 27:
                state["reverse"] = False
            elif 30 <= code <= 37:
                state["fg"] = COLOURS[code - 30]
            elif 90 <= code <= 97:
                state["fg"] = COLOURS[code - 90 + 8]
            elif code == 39:
                state["fg"] = None
            elif 40 <= code <= 47:
                state["bg"] = COLOURS[code - 40]
            elif code == 49:
                state["bg"] = None
    return "".join(out)


def main():
    screen = sys.stdin.read().rstrip("\n")
    body = convert(screen)
    sys.stdout.write(
        "<!doctype html><html><head><meta charset='utf-8'><style>"
        f"body{{margin:0;background:{BG};}}"
        f"pre{{margin:0;padding:14px 18px;background:{BG};color:{FG};font:15px/1.35 'DejaVu Sans Mono',monospace;"
        "display:inline-block;}</style></head><body><pre id='screen'>" + body + "</pre></body></html>\n")


if __name__ == "__main__":
    main()
