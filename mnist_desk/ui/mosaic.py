"""Arranging many small maps into one picture (numpy only, cheap enough to run per stroke)."""

from __future__ import annotations

import math

import numpy as np

SEPARATOR = np.array([110, 110, 110], dtype=np.uint8)


def grid_shape(count: int, max_columns: int = 8) -> tuple[int, int]:
    """(rows, columns) for ``count`` maps: as square as possible, at most ``max_columns`` wide."""
    columns = min(max_columns, max(1, math.ceil(math.sqrt(count))))
    if count > 4 and count % columns:
        # Prefer a column count that divides the maps evenly (16 → 4×4, 32 → 4×8, 24 → 4×6).
        for candidate in range(columns, max_columns + 1):
            if count % candidate == 0:
                columns = candidate
                break
    return math.ceil(count / columns), columns


def tile(maps: np.ndarray, max_columns: int = 8) -> np.ndarray:
    """(C, H, W) gray or (C, H, W, 3) RGB uint8 maps → one picture, a grid with 1-pixel separators.

    Vectorised (one reshape and transpose): it runs for every stage at every update.
    """
    count, h, w = maps.shape[:3]
    channels = maps.shape[3:]  # () for gray, (3,) for RGB
    rows, columns = grid_shape(count, max_columns)
    separator = SEPARATOR if channels else SEPARATOR[0]
    cells = np.empty((rows * columns, h + 1, w + 1, *channels), dtype=np.uint8)
    cells[:] = separator
    cells[:count, :h, :w] = maps
    cells[count:, :h, :w] = separator // 2  # empty cells: a little darker than the lines
    grid = cells.reshape(rows, columns, h + 1, w + 1, *channels).swapaxes(1, 2)
    grid = grid.reshape(rows * (h + 1), columns * (w + 1), *channels)
    return np.ascontiguousarray(grid[:-1, :-1])


def tile_at(count: int, height: int, width: int, x: int, y: int, max_columns: int = 8) -> tuple[int, int, int] | None:
    """Which map and which of its pixels lie at pixel (x, y) of :func:`tile`'s picture of ``count`` maps.

    Returns (map, row, column), or None on a separator or an empty cell.
    """
    _rows, columns = grid_shape(count, max_columns)
    cell_col, col = divmod(int(x), width + 1)
    cell_row, row = divmod(int(y), height + 1)
    index = cell_row * columns + cell_col
    if x < 0 or y < 0 or col >= width or row >= height or cell_col >= columns or index >= count:
        return None
    return index, row, col


def activations_gray(maps: np.ndarray) -> np.ndarray:
    """Feature maps (C, H, W) → uint8 gray (C, H, W), scaled together by the stage's largest value.

    One scale for the whole stage keeps the maps comparable: a map that barely
    responds looks dark next to one that lights up.
    """
    maps = np.asarray(maps, dtype=np.float32)
    low, high = float(maps.min(initial=0.0)), float(maps.max(initial=0.0))
    if not (np.isfinite(low) and np.isfinite(high)):  # rare: only then pay for the copy
        maps = np.nan_to_num(maps)
        low, high = float(maps.min(initial=0.0)), float(maps.max(initial=0.0))
    low = min(0.0, low)
    peak = high - low
    if peak <= 1e-12:
        return np.zeros(maps.shape, dtype=np.uint8)
    # One scaled copy, rounded in place: this runs for every stage at every refresh.
    scaled = (maps - np.float32(low)) * np.float32(255.0 / peak)
    scaled += np.float32(0.5)
    np.clip(scaled, 0.0, 255.0, out=scaled)
    return scaled.astype(np.uint8)


def kernels_rgb(kernels: np.ndarray) -> np.ndarray:
    """Kernels (C, k, k) → RGB (C, k, k, 3): positive weights red, negative blue, zero white.

    One symmetric scale for all kernels, so their strengths compare.
    """
    kernels = np.nan_to_num(np.asarray(kernels, dtype=np.float32))
    peak = float(np.abs(kernels).max(initial=0.0))
    v = kernels / peak if peak > 1e-12 else np.zeros_like(kernels)
    fade = 1.0 - np.abs(v)
    rgb = np.empty(kernels.shape + (3,), dtype=np.float32)
    positive = v >= 0
    rgb[..., 0] = np.where(positive, 1.0, fade)
    rgb[..., 1] = fade
    rgb[..., 2] = np.where(positive, fade, 1.0)
    return (rgb * 255.0 + 0.5).astype(np.uint8)
