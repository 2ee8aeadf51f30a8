"""The self-test's check of handwriting sets: written as the Draw tab adds digits, zipped and back, read, evaluated."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..core.errors import MnistDeskError
from .context import CheckFailed, SelfTestContext, load_manifest, require


def check_handwriting(ctx: SelfTestContext) -> str:
    """The bundled digits into a set in a temporary folder, exported to a zip, imported into another, read back."""
    from ..core.evaluation import evaluate_steps
    from ..core.handwriting.archive import export_zip, import_zip
    from ..core.handwriting.reading import read_set
    from ..core.handwriting.store import HandwritingSet

    require(ctx.model is not None, "no model to evaluate with (the shipped weights did not load)")
    entries = load_manifest(ctx.samples_dir)
    with tempfile.TemporaryDirectory(prefix="mnist-desk-selftest-") as scratch:
        try:
            written = HandwritingSet.create(Path(scratch) / "written")
            for entry in entries:
                data = (ctx.samples_dir / entry["file"]).read_bytes()
                written.add(data, int(entry["label"]), durable=True)
            archive = Path(scratch) / "set.zip"
            exported = export_zip(written, archive)
            imported = import_zip(archive, HandwritingSet.create(Path(scratch) / "imported"))
            digits = read_set(Path(scratch) / "imported")
        except (MnistDeskError, OSError) as error:
            raise CheckFailed(str(error)) from None
        require(exported == imported == len(entries) == len(digits),
                f"{len(entries)} digits written, {exported} exported, {imported} imported, {len(digits)} read back")
        require(sorted(int(entry["label"]) for entry in entries) == sorted(digits.labels.tolist()),
                "the labels read back are not those written")
        ctx.model.eval()
        result = None
        for _done, _total, result in evaluate_steps(ctx.model, digits.split(), device="cpu"):
            pass
    require(result is not None, "the evaluation gave no result")
    right = len(digits) - result.wrong
    require(right == len(digits), f"{right}/{len(digits)} digits of the set read right (as pictures on the canvas)")
    return (f"{len(digits)} digits written into a set, zipped and imported into another, read as the Draw tab "
            f"reads pictures: {right}/{len(digits)} right")
