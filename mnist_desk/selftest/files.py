"""The self-test's check that the files shipped with the app are there (no Qt needed)."""

from __future__ import annotations

from .context import SelfTestContext, load_manifest, require


def check_resources(ctx: SelfTestContext) -> str:
    require(ctx.icon_path.is_file(), f"app icon missing: {ctx.icon_path}")
    entries = load_manifest(ctx.samples_dir)
    missing = [e["file"] for e in entries if not (ctx.samples_dir / e["file"]).is_file()]
    require(not missing, f"bundled digit pictures missing in {ctx.samples_dir}: {', '.join(missing)}")
    train = ctx.samples_dir / "train_sample.npz"
    require(train.is_file(), f"training sample missing: {train}")
    return f"{len(entries)} digit pictures, training sample and app icon in {ctx.samples_dir.parent}"
