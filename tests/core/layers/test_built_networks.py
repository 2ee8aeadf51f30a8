"""A built network is a model like the others: trained, stopped, saved, loaded, resumed, predicted, explained."""

import numpy as np
import pytest
import torch

from mnist_desk.core.errors import ConfigError, WeightsError
from mnist_desk.core.evaluation import evaluate
from mnist_desk.core.explain.activation_arithmetic import ActivationTrace, explain_pixel
from mnist_desk.core.explain.saliency import METHODS, prepare_model, saliency_map
from mnist_desk.core.layers import LayerError, format_spec, layers_to_data, parse_spec
from mnist_desk.core.models import CUSTOM, build_model, first_conv_kernels, fold_batch_norm, forward_with_features
from mnist_desk.core.predict import Predictor
from mnist_desk.core.training import TrainConfig, Trainer
from mnist_desk.core.weights import Checkpoint, load_checkpoint, load_model, save_checkpoint

SECTION_1_3 = ("conv 4 5x5 pad 2, relu, maxpool 2, conv 6 5x5 pad 2, relu, maxpool 2, flatten, linear 50, relu, "
               "linear 10")
MIXED = ("conv 6 3x3 pad 1, batchnorm, tanh, avgpool 2, conv 8 3x3 stride 2 pad 1, sigmoid, maxpool 2 stride 1, "
         "conv 8 1x1, batchnorm, flatten, dropout 0.2, linear 24, batchnorm, relu, linear 10")
NO_CONV = "flatten, linear 64, relu, linear 10"


def _config(layers=SECTION_1_3, **overrides):
    values = dict(arch=CUSTOM, layers=layers, batch_size=50, epochs=2, log_every=5, device="cpu", seed=1, lr=0.003)
    values.update(overrides)
    return TrainConfig(**values)


def test_a_custom_run_saves_loads_resumes_predicts_and_evaluates(train_sample, test_sample, tmp_path):
    trainer = Trainer(_config(), train_sample, test_sample)
    for record in trainer.run():
        if record.step >= 25:
            break  # stopped mid-epoch, as the window's Stop does
    path = save_checkpoint(trainer.checkpoint(), tmp_path / "built.pt")
    raw = torch.load(path, weights_only=True)  # plain data: the safe loader reads it
    assert raw["arch"] == "custom" and raw["layers"] == layers_to_data(parse_spec(SECTION_1_3))
    loaded = load_checkpoint(path)
    assert loaded.arch == CUSTOM and loaded.resumable and loaded.layers == raw["layers"]
    resumed = Trainer(_config(layers=""), train_sample, test_sample, resume=loaded)  # its own layers win
    assert resumed.config.layers == SECTION_1_3 and resumed.progress.step == 25
    records = list(resumed.run())
    assert records[-1].step == 40 and records[-1].kind == "epoch"
    final = save_checkpoint(resumed.checkpoint(), tmp_path / "final.pt")
    model, checkpoint = load_model(final)
    assert checkpoint.test_accuracy == resumed.progress.last_test_accuracy
    x = torch.from_numpy(test_sample.images[:16].numpy()).float().unsqueeze(1) / 255
    resumed.model.eval()
    assert torch.allclose(model(x), resumed.model(x.contiguous(memory_format=torch.channels_last)), atol=1e-5)
    result = evaluate(model, test_sample)
    assert result.accuracy == pytest.approx(checkpoint.test_accuracy)
    prediction = Predictor(model).predict_field(test_sample.images[0].numpy() / 255.0)
    assert prediction.shape == (10,) and abs(float(prediction.sum()) - 1) < 1e-5


def test_the_same_run_again_gives_the_same_losses(train_sample):
    first = [r.loss for r in Trainer(_config(epochs=1), train_sample).run()]
    assert first == [r.loss for r in Trainer(_config(epochs=1), train_sample).run()]


@pytest.mark.parametrize("text", [SECTION_1_3, MIXED, NO_CONV])
def test_every_view_reads_a_built_network(text):
    model = build_model(CUSTOM, layers=parse_spec(text)).eval()
    field = np.zeros((28, 28), dtype=np.float32)
    field[6:22, 12:16] = 1.0
    x = torch.from_numpy(field).view(1, 1, 28, 28)
    logits, stages = forward_with_features(fold_batch_norm(model), x)
    assert torch.allclose(logits, model(x), atol=1e-5)
    trace = ActivationTrace(model, field)
    assert [s.name for s in trace.stages] == [s.name for s in stages if s.tensor.ndim == 3]  # the Draw tab's names
    for stage in trace.stages[1:]:  # one pixel of every feature map, worked out = the network's own
        channel, row, col = np.unravel_index(int(np.argmax(stage.tensor)), stage.tensor.shape)
        work = explain_pixel(trace, stage.name, int(channel), int(row), int(col))
        assert work.value == pytest.approx(work.network, rel=1e-4, abs=1e-5), stage.name
    prepared = prepare_model(model)
    for method in METHODS:
        if method == "grad-cam" and text == NO_CONV:
            with pytest.raises(ConfigError, match="no conv layer"):
                saliency_map(prepared, field, 1, method)
            continue
        result = saliency_map(prepared, field, 1, method)
        assert result.map.shape == (28, 28) and np.isfinite(result.map).all()
    if text == NO_CONV:
        with pytest.raises(ConfigError, match="no conv layer"):
            first_conv_kernels(model)
        assert [s.name for s in stages] == ["input", "fc1", "out"]
    else:
        assert first_conv_kernels(model).shape[0] == parse_spec(text)[0].filters


def test_the_section_1_3_stages_and_the_mixed_networks_names():
    model = build_model(CUSTOM, layers=parse_spec(SECTION_1_3)).eval()
    _logits, stages = forward_with_features(model, torch.rand(1, 1, 28, 28))
    assert [(s.name, s.shape) for s in stages] == [
        ("input", (1, 28, 28)), ("conv1 → relu", (4, 28, 28)), ("conv1 → pool", (4, 14, 14)),
        ("conv2 → relu", (6, 14, 14)), ("conv2 → pool", (6, 7, 7)), ("fc1", (50,)), ("out", (10,))]
    mixed = build_model(CUSTOM, layers=parse_spec(MIXED)).eval()
    names = [s.name for s in forward_with_features(mixed, torch.rand(1, 1, 28, 28))[1]]
    assert names == ["input", "conv1 → tanh", "conv1 → pool", "conv2 → sigmoid", "conv2 → pool",
                     "conv3 → batchnorm", "fc1", "out"]


def test_grad_cam_says_whether_its_map_adds_up_exactly():
    field = np.random.default_rng(0).random((28, 28)).astype(np.float32)
    linear_head = prepare_model(build_model(CUSTOM, layers=parse_spec("conv 4 5x5, relu, maxpool 2, flatten, "
                                                                      "dropout 0.5, linear 10")))
    result = saliency_map(linear_head, field, 3, "grad-cam")
    assert result.affine_head and result.grid == (12, 12)
    assert result.baseline == pytest.approx(float(linear_head.head[2].bias[3]), abs=1e-4)  # the output bias
    curved = saliency_map(prepare_model(build_model(CUSTOM, layers=parse_spec(SECTION_1_3))), field, 3, "grad-cam")
    assert not curved.affine_head and curved.grid == (7, 7)


def _saved(tmp_path, **fields):
    model = build_model(CUSTOM, layers=parse_spec(SECTION_1_3))
    checkpoint = Checkpoint(model.state_dict(), arch=CUSTOM, layers=layers_to_data(parse_spec(SECTION_1_3)))
    data = checkpoint.to_dict()
    data.update(fields)
    path = tmp_path / "crafted.pt"
    torch.save(data, path)
    return path


@pytest.mark.parametrize("layers, words", [
    (None, "its field layers holds nothing where a list belongs"),
    ("conv 4 5x5", "its field layers holds text where a list belongs"),
    ([{"kind": "conv"}] * 65, "lists 65 layers, more than the 64"),
    (["conv"], "its field layers[0] holds text where a table belongs"),
    ([{"kind": "lstm", "units": 4}], "layer 1 is of the kind 'lstm', which this version does not know"),
    ([{"kind": "conv", "filters": "4", "kernel": 5, "stride": 1, "padding": 2}],
     "its field layers[0].filters holds text where a whole number belongs"),
    ([{"kind": "dropout", "p": None}], "its field layers[0].p holds nothing where a number belongs"),
    ([{"kind": "conv", "filters": 100_000, "kernel": 5, "stride": 1, "padding": 2}, {"kind": "flatten"},
      {"kind": "linear", "units": 10}], "cannot be built: Layer 1 (conv 100000 5x5 pad 2): a conv has 1 to 512"),
    ([{"kind": "flatten"}, {"kind": "linear", "units": 4096}, {"kind": "linear", "units": 4096},
      {"kind": "linear", "units": 10}], "more than the 16,000,000"),
    ([{"kind": "flatten"}, {"kind": "linear", "units": 50}], "needs exactly ten"),
])
def test_a_crafted_layer_list_is_refused_with_one_sentence_before_anything_is_built(tmp_path, layers, words):
    with pytest.raises(WeightsError) as caught:
        load_checkpoint(_saved(tmp_path, layers=layers))
    assert words in str(caught.value)


def test_weights_that_do_not_fit_their_layer_list_name_the_difference(tmp_path):
    other = layers_to_data(parse_spec(SECTION_1_3.replace("linear 50", "linear 60")))
    with pytest.raises(WeightsError, match="does not fit the 'custom' architecture: .*head.1.weight has shape"):
        load_checkpoint(_saved(tmp_path, layers=other))


def test_a_later_versions_extra_keys_in_a_layer_are_ignored(tmp_path):
    layers = [{**item, "init": "kaiming"} for item in layers_to_data(parse_spec(SECTION_1_3))]
    assert load_checkpoint(_saved(tmp_path, layers=layers)).layers == layers_to_data(parse_spec(SECTION_1_3))


def test_an_impossible_layer_list_is_a_config_error_before_any_training():
    with pytest.raises(LayerError, match="Layer 3"):
        _config(layers="conv 4 5x5, relu, linear 10").validate()
    with pytest.raises(LayerError, match="not a layer"):
        _config(layers="conv 4 5x5, gelu").validate()


def test_batch_norm_on_single_numbers_needs_two_digits_a_batch(train_sample):
    spec = "flatten, linear 20, batchnorm, relu, linear 10"
    with pytest.raises(LayerError, match="choose a batch size of 2 or more"):
        Trainer(_config(layers=spec, batch_size=1), train_sample)
    with pytest.raises(LayerError, match="the last batch of each epoch holds one digit.*e.g. 4"):
        Trainer(_config(layers=spec, batch_size=3), train_sample)  # 1,000 = 333 × 3 + 1
    Trainer(_config(layers=spec, batch_size=4), train_sample)
    Trainer(_config(layers=SECTION_1_3, batch_size=3), train_sample)  # batch norm of maps: any batch works


def test_a_small_network_trains_on_one_thread_and_puts_the_count_back(train_sample):
    before = torch.get_num_threads()
    seen = []
    trainer = Trainer(_config(epochs=1), train_sample)
    for _record in trainer.run(interrupt=lambda: seen.append(torch.get_num_threads()) or False):
        pass
    assert set(seen) == {1} and torch.get_num_threads() == before
    assert format_spec(trainer.layers) == SECTION_1_3
