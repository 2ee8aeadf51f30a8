"""Fonts for the chart's texts: matplotlib's DejaVu Sans, then an installed CJK font for what it lacks.

The chart's labels are translated (the Chinese translation: 步数, 测试准确率 ...); DejaVu Sans has no
Chinese characters, so without a fallback matplotlib draws empty boxes. Only fonts that are
installed are listed: a missing family in the list makes matplotlib warn at every draw.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

# Common CJK fonts on Linux, Windows and macOS, most complete first.
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
    "Hiragino Sans GB", "SimHei", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "Droid Sans Fallback",
    "Arial Unicode MS",
)
# Words in those fonts' file names (NotoSansCJK-Regular.ttc, msyh.ttc, wqy-microhei.ttc, DroidSansFallbackFull.ttf ...).
CJK_FILE_HINTS = ("cjk", "notosanssc", "sourcehan", "msyh", "pingfang", "hiragino", "simhei", "wqy",
                  "droidsansfallback", "arial unicode", "arialuni")


@lru_cache(maxsize=1)
def font_families() -> tuple[str, ...]:
    """DejaVu Sans first (matplotlib's look), then the first installed CJK font, if any."""
    from matplotlib import font_manager

    installed = {entry.name for entry in font_manager.fontManager.ttflist}
    fallback = next((family for family in CJK_FAMILIES if family in installed), None)
    if fallback is None:
        # matplotlib's font list is a cache made once; a CJK font installed after it is not in it.
        for path in font_manager.findSystemFonts():  # about 20 ms, once
            if any(hint in Path(path).name.lower() for hint in CJK_FILE_HINTS):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):  # a font file matplotlib cannot read
                    continue
        installed = {entry.name for entry in font_manager.fontManager.ttflist}
        fallback = next((family for family in CJK_FAMILIES if family in installed), None)
    return ("DejaVu Sans", fallback) if fallback else ("DejaVu Sans",)


def use_chart_fonts() -> None:
    """Make matplotlib fall back to a CJK font for characters DejaVu Sans lacks (before drawing)."""
    import matplotlib

    matplotlib.rcParams["font.family"] = list(font_families())
