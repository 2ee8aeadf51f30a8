"""Running torch on one CPU thread for small work: one drawing, a saliency map, a training batch's augmentation.

A 28×28 input through a small CNN, even 32 of them, is far too little work
to share between threads: with the default intra-op thread pool every layer
waits for the other threads to wake up, and on a busy machine (a training run
in the Train tab, another program) one forward pass went from about 1 ms to
15 ms, a saliency map from 20 ms to 400 ms, the augmentation of one training
batch from 10 ms to 300 ms. PyTorch's thread count is per thread and
inherited by threads created later, so it is lowered only around the call and
put back at once: the rest of a worker's work (a training step, an
evaluation) keeps all the threads.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def one_thread() -> Iterator[None]:
    """Run torch on this thread alone meanwhile (the count is per thread, and put back after).

    torch is imported here, not with this module: the window imports it
    before torch loads, and calls it only once a model is loaded.
    """
    import torch

    previous = torch.get_num_threads()
    if previous == 1:
        yield
        return
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)
