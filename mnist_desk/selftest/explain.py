"""The self-test's check of "why this answer": saliency, an activation's arithmetic, the loss (no Qt needed)."""

from __future__ import annotations

from .context import SelfTestContext, load_manifest, require


def check_explain(ctx: SelfTestContext) -> str:
    """On a bundled digit: each saliency method's map, one activation worked out, the loss and one step."""
    import numpy as np
    import torch
    from torch import nn

    from ..core.explain.activation_arithmetic import ActivationTrace, explain_pixel
    from ..core.explain.drawing_loss import cross_entropy, one_training_step
    from ..core.explain.faithfulness import deletion_test
    from ..core.explain.saliency import METHODS, prepare_model, saliency_map
    from ..core.preprocess import open_image, preprocess

    require(ctx.model is not None, "no model to explain (the shipped weights did not load)")
    entry = load_manifest(ctx.samples_dir)[0]
    label = int(entry["label"])
    field = preprocess(open_image(ctx.samples_dir / entry["file"])).field28
    prepared = prepare_model(ctx.model)
    drops = []
    for method in METHODS:
        result = saliency_map(prepared, field, label, method)
        require(result.map.shape == (28, 28) and bool(np.isfinite(result.map).all()),
                 f"{method}: a map of shape {result.map.shape}, or not finite")
        check = deletion_test(prepared, field, result.map, label)
        require(check is not None, "the bundled digit has no ink")
        assert check is not None
        require(check.salient < check.before, f"{method}: deleting its salient pixels did not lower the answer's "
                 "probability")
        drops.append(f"{method} {check.before:.0%}→{check.salient:.0%}")
    trace = ActivationTrace(ctx.model.eval(), field)
    last = trace.stages[-1]
    channel, row, col = np.unravel_index(int(np.argmax(last.tensor)), last.tensor.shape)
    work = explain_pixel(trace, last.name, int(channel), int(row), int(col))
    require(abs(work.value - work.network) <= 1e-4 * max(1.0, abs(work.network)),
             f"{last.name}: the arithmetic gives {work.value}, the network {work.network}")
    logits = torch.from_numpy(trace.logits).view(1, 10)
    expected = float(nn.CrossEntropyLoss()(logits, torch.tensor([label])))
    loss = cross_entropy(trace.logits, label).loss
    require(abs(loss - expected) <= 1e-6, f"the loss worked out is {loss}, nn.CrossEntropyLoss gives {expected}")
    before = [parameter.detach().clone() for parameter in ctx.model.parameters()]
    step = one_training_step(ctx.model, field, (label + 1) % 10)
    require(all(torch.equal(a, b.detach()) for a, b in zip(before, ctx.model.parameters())),
             "a training step changed the active weights")
    require(step.after.loss < step.before.loss, "one training step did not lower the drawing's loss")
    return (f"{entry['file']}: deletion {', '.join(drops)}; {last.name} pixel worked out = the network's "
            f"{work.network:.4g}; loss = nn.CrossEntropyLoss; one step on a copy {step.before.loss:.2f}→"
            f"{step.after.loss:.2f}, weights untouched")
