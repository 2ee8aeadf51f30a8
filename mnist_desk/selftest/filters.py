"""The self-test's check of the Filter Lab's arithmetic against the tutorial's torch layers."""

from __future__ import annotations

from .context import SelfTestContext, load_manifest, require


def check_convolution(ctx: SelfTestContext) -> str:
    import numpy as np
    import torch
    from torch import nn

    from ..core.filters import convolve, pool
    from ..core.filters.presets import preset
    from ..core.preprocess import open_image

    entry = load_manifest(ctx.samples_dir)[0]
    picture = np.asarray(open_image(ctx.samples_dir / entry["file"]).convert("L"), dtype=np.float32)
    kernel = preset("tutorial").array()  # the tutorial's kernel of section 1.1, as the Filter Lab has it

    ours = convolve(picture, kernel, padding=1)
    conv = nn.Conv2d(1, 1, 3, padding=1, bias=False)
    conv.weight.data = torch.from_numpy(kernel.reshape(1, 1, 3, 3))
    with torch.no_grad():
        theirs = conv(torch.from_numpy(picture).view(1, 1, *picture.shape))[0, 0].numpy()
    require(ours.shape == theirs.shape == picture.shape, f"convolution shape {ours.shape}, torch {theirs.shape}")
    conv_error = float(np.abs(ours - theirs).max())
    require(conv_error <= 1e-2, f"convolution differs from nn.Conv2d by up to {conv_error}")
    require(float(np.abs(ours).max()) > 0, "the convolution gave all zeros")
    # A dense 5x5 kernel on a picture big enough to be shared among the filter's threads.
    big = np.tile(picture, (max(1, 600 // picture.shape[0] + 1), max(1, 600 // picture.shape[1] + 1)))
    dense = np.random.default_rng(0).normal(size=(5, 5)).astype(np.float32)
    conv5 = nn.Conv2d(1, 1, 5, bias=False)
    conv5.weight.data = torch.from_numpy(dense.reshape(1, 1, 5, 5))
    with torch.no_grad():
        expected = conv5(torch.from_numpy(big).view(1, 1, *big.shape))[0, 0].numpy()
    dense_error = float(np.abs(convolve(big, dense) - expected).max())
    require(dense_error <= 1e-1, f"a dense 5x5 convolution differs from nn.Conv2d by up to {dense_error}")

    checks = {"max": nn.MaxPool2d(2, 2), "avg": nn.AvgPool2d(2, 2)}
    pool_errors = []
    for kind, layer in checks.items():
        pooled = pool(ours, kind, 2)
        with torch.no_grad():
            reference = layer(torch.from_numpy(np.ascontiguousarray(ours)).view(1, 1, *ours.shape))[0, 0].numpy()
        require(pooled.shape == reference.shape == (picture.shape[0] // 2, picture.shape[1] // 2),
                f"{kind} pooling shape {pooled.shape}, torch {reference.shape}")
        pool_errors.append(float(np.abs(pooled - reference).max()))
    require(max(pool_errors) <= 1e-2, f"pooling differs from torch by up to {max(pool_errors)}")
    # A case small enough to check by hand: 2x2 max pooling of 1..16 keeps 6, 8, 14, 16.
    grid = np.arange(1, 17, dtype=np.float32).reshape(4, 4)
    require(pool(grid, "max", 2).tolist() == [[6.0, 8.0], [14.0, 16.0]], "max pooling of a 4x4 grid is wrong")
    return (f"tutorial kernel on a {picture.shape[0]}x{picture.shape[1]} digit matches nn.Conv2d "
            f"(max difference {conv_error:.1e}), a dense 5x5 on {big.shape[0]}x{big.shape[1]} too "
            f"({dense_error:.1e}); max and average 2x2 pooling match torch")
