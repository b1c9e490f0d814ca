"""The Markdown table step_bench.py prints at the end: per horizon, each dense cell's step time and each LVSA
backend's with its ratio against every dense cell, the frame density and the ideal speedup 1/density."""

from __future__ import annotations


def table(cells: list[dict]) -> str:
    backends = [b for b in dict.fromkeys(c["backend"] for c in cells if c["method"] == "lvsa")]
    dense_names = [b for b in dict.fromkeys(c["backend"] for c in cells if c["method"] == "dense")]
    head = ["horizon", "frames", "T", "tokens"] + [f"{b} ms" for b in dense_names] + \
           [f"lvsa {b} ms (x {', x '.join(dense_names)})" for b in backends] + ["frame density", "ideal 1/d"]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for horizon in dict.fromkeys(c["horizon"] for c in cells):
        row_cells = [c for c in cells if c["horizon"] == horizon]
        first = row_cells[0]
        row = [horizon, str(first["frames"]), str(first["latent_frames"]), f"{first['tokens']:,}"]
        dense_ms = []
        for b in dense_names:
            c = next((c for c in row_cells if c["method"] == "dense" and c["backend"] == b), None)
            ok = c is not None and c["status"] == "ok"
            dense_ms.append(c["median_ms"] if ok else None)
            row.append(f"{c['median_ms']:.1f}" if ok else (c["status"] if c else "-"))
        density = None
        for b in backends:
            c = next((c for c in row_cells if c["method"] == "lvsa" and c["backend"] == b), None)
            if c is None:
                row.append("-")
            elif c["status"] != "ok":
                row.append(c["status"])
            else:
                density = c.get("density")
                ratios = ", ".join(f"{d / c['median_ms']:.2f}x" if d else "-" for d in dense_ms)
                row.append(f"{c['median_ms']:.1f}" + (f" ({ratios})" if dense_ms else ""))
        row += [f"{density:.3f}" if density else "-", f"{1 / density:.2f}x" if density else "-"]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)
