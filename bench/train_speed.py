"""The tutorial's own training loop against MNIST Desk's trainer, same model, one run.

The tutorial's loop (section 2.5): torchvision's MNIST with ``ToTensor``
through a ``DataLoader`` (batch 50, shuffled), Adam at 0.001, and the whole
10,000-digit test set evaluated every 100 steps. The project's trainer trains
the same ``tutorial`` model from tensors held in memory and tests once per
epoch. Both print seconds per epoch and test accuracy; the last line is the
speed ratio.

    python bench/train_speed.py --data-dir ../shared/datasets [--epochs 1]
"""

from __future__ import annotations

import argparse
import time

from _common import data_dir_argument, machine_line


def tutorial_loop(data_dir: str, epochs: int) -> tuple[float, float]:
    """The tutorial's code, kept as it is written there (modern names for removed attributes)."""
    import torch
    import torch.utils.data as Data
    import torchvision
    from torch import nn

    from mnist_desk.core.models import TutorialCNN

    torch.manual_seed(0)
    train_data = torchvision.datasets.MNIST(root=data_dir, train=True, transform=torchvision.transforms.ToTensor(),
                                            download=False)
    test_data = torchvision.datasets.MNIST(root=data_dir, train=False)
    train_loader = Data.DataLoader(dataset=train_data, batch_size=50, shuffle=True)
    test_x = torch.unsqueeze(test_data.data, dim=1).type(torch.FloatTensor) / 255
    test_y = test_data.targets
    cnn = TutorialCNN()
    optimizer = torch.optim.Adam(cnn.parameters(), lr=0.001)
    loss_func = nn.CrossEntropyLoss()
    start = time.perf_counter()
    accuracy = 0.0
    for epoch in range(epochs):
        for step, (b_x, b_y) in enumerate(train_loader):
            output = cnn(b_x)
            loss = loss_func(output, b_y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            if step % 100 == 0:
                test_output = cnn(test_x)
                pred_y = torch.max(test_output, 1)[1].data.numpy()
                accuracy = float((pred_y == test_y.data.numpy()).astype(int).sum()) / float(test_y.size(0))
    seconds = time.perf_counter() - start
    with torch.no_grad():
        accuracy = float((cnn(test_x).argmax(1) == test_y).float().mean())
    return seconds / epochs, accuracy


def project_trainer(data_dir: str, epochs: int, batch_size: int) -> tuple[float, float]:
    from mnist_desk.core.data import load_split
    from mnist_desk.core.training import TrainConfig, Trainer

    train_split = load_split(data_dir, train=True)
    test_split = load_split(data_dir, train=False)
    config = TrainConfig(arch="tutorial", epochs=epochs, batch_size=batch_size, lr=0.001, device="cpu", log_every=100)
    trainer = Trainer(config, train_split, test_split)
    start = time.perf_counter()
    for _ in trainer.run():
        pass
    seconds = time.perf_counter() - start
    return seconds / epochs, float(trainer.progress.last_test_accuracy)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    data_dir_argument(parser)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=50, help="the project's trainer's batch (tutorial: 50)")
    args = parser.parse_args()
    print(machine_line())
    ours, our_accuracy = project_trainer(args.data_dir, args.epochs, args.batch_size)
    print(f"MNIST Desk trainer : {ours:7.1f} s/epoch, test accuracy {our_accuracy:.2%} (batch {args.batch_size})")
    theirs, their_accuracy = tutorial_loop(args.data_dir, args.epochs)
    print(f"tutorial's loop    : {theirs:7.1f} s/epoch, test accuracy {their_accuracy:.2%} (batch 50)")
    print(f"speed-up: {theirs / ours:.1f}x")


if __name__ == "__main__":
    main()
