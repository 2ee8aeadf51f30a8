"""The Draw tab's "why this answer" views: saliency, feature maps opened with their arithmetic, the loss.

Thin widgets over :mod:`mnist_desk.core.explain`; the Draw tab hosts them.
"""
