"""Small image operations on a batch, vectorized: images (B, h, w), one setting per image.

Pixels that come from outside the image are 0 (the background of the digits).
    flip_lr:     out[b, i, j] = img[b, i, w − 1 − j]  where flip[b], else img[b, i, j]
    shift:       out[b, i, j] = img[b, i − dy_b, j − dx_b]   (dx > 0 moves the content right)
    rotate_zoom: out[b](p) = img[b](c + R(−θ_b)·(p − c) / s_b), bilinear between the 4 nearest
                 pixels; c is the image centre, s > 1 enlarges (zooms in), and θ > 0 turns
                 clockwise as displayed (row 0 at the top).
"""

from __future__ import annotations

import numpy as np


def flip_lr(images: np.ndarray, flip: np.ndarray) -> np.ndarray:
    """Mirror left-right the images whose ``flip`` (B,) is True."""
    return np.where(flip[:, None, None], images[:, :, ::-1], images)


def shift(images: np.ndarray, dy: np.ndarray, dx: np.ndarray) -> np.ndarray:
    """Move image b down by dy[b], right by dx[b] pixels: a crop of the zero-padded image."""
    B, h, w = images.shape
    pad = int(max(np.abs(dy).max(), np.abs(dx).max()))
    padded = np.pad(images, ((0, 0), (pad, pad), (pad, pad)))
    rows = np.arange(h)[None, :] + pad - dy[:, None]
    cols = np.arange(w)[None, :] + pad - dx[:, None]
    return padded[np.arange(B)[:, None, None], rows[:, :, None], cols[:, None, :]]


def rotate_zoom(images: np.ndarray, angles: np.ndarray, scales: np.ndarray) -> np.ndarray:
    """Rotate image b by angles[b] (radians) and zoom it by scales[b] about its centre."""
    h, w = images.shape[1:]
    cy, cx = (h - 1) / 2, (w - 1) / 2
    y, x = np.mgrid[0:h, 0:w] - np.array([cy, cx])[:, None, None]
    cos = (np.cos(angles) / scales)[:, None, None]
    sin = (np.sin(angles) / scales)[:, None, None]
    source_x = cx + cos * x + sin * y
    source_y = cy - sin * x + cos * y
    return _bilinear(images, source_y, source_x)


def _bilinear(images: np.ndarray, sy: np.ndarray, sx: np.ndarray) -> np.ndarray:
    """images[b] read at the real coordinates (sy, sx) of shape (B, h, w); 0 outside."""
    B, h, w = images.shape
    y0, x0 = np.floor(sy).astype(np.int64), np.floor(sx).astype(np.int64)
    fy, fx = sy - y0, sx - x0
    batch = np.arange(B)[:, None, None]
    out = np.zeros(sy.shape)
    for dy, wy in ((0, 1 - fy), (1, fy)):
        for dx, wx in ((0, 1 - fx), (1, fx)):
            r, c = y0 + dy, x0 + dx
            inside = (r >= 0) & (r < h) & (c >= 0) & (c < w)
            pixel = images[batch, np.clip(r, 0, h - 1), np.clip(c, 0, w - 1)]
            out += np.where(inside, wy * wx * pixel, 0.0)
    return out
