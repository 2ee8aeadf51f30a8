"""Running the model for one drawing: on one CPU thread.

A 28x28 input through a small CNN is far too little work to share between
threads: with the default intra-op thread pool, every layer waits for the
other threads to wake up, and on a busy machine (a training run in the Train
tab, another program) one forward pass went from about 1 ms to 15 ms.
PyTorch's OpenMP thread count is per thread and inherited by threads created
later, so it is lowered only around the call and put back at once: workers
(training, evaluation) keep all their threads.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def one_thread() -> Iterator[None]:
    import torch  # only called once a model is loaded, so torch is already imported

    previous = torch.get_num_threads()
    if previous == 1:
        yield
        return
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(previous)
