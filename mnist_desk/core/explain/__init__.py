"""Why the network answered as it did: saliency, the arithmetic of one activation, the loss of a drawing.

No Qt here (the Draw tab's views are in :mod:`mnist_desk.ui.explain`). Read
top to bottom, the modules are:

* :mod:`.choices` — the methods and settings offered (no torch: the window
  lists them before torch is loaded);
* :mod:`.explained` — which digit is explained: the answer, a digit asked
  for, or the closest digit of a picture refused as "no digit" (numpy only);
* :mod:`.saliency` — which input pixels pushed a class up and which down
  (integrated gradients, occlusion, Grad-CAM);
* :mod:`.faithfulness` — the deletion check of a saliency map;
* :mod:`.activation_arithmetic` — one feature-map pixel of the real network
  worked out by hand: window × kernel + bias, batch norm, pooling, activation;
* :mod:`.drawing_loss` — the cross-entropy loss of one drawing and the effect
  of one training step on it, taken on a copy of the model.

Nothing is imported here, so that importing :mod:`.choices` does not load torch.
"""
