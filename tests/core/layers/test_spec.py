"""Layer lists as text and as plain data: the words of ``mnist-desk layers`` and of the weights file."""

import pytest

from mnist_desk.core.layers import PRESETS, Layer, LayerError, format_spec, layers_to_data, parse_spec
from mnist_desk.core.layers.spec import conv, dropout, layer_from_data, linear, pool

SECTION_1_3 = ("conv 4 5x5 pad 2, relu, maxpool 2, conv 6 5x5 pad 2, relu, maxpool 2, flatten, linear 50, relu, "
               "linear 10")


def test_the_issues_example_reads_as_the_tutorials_section_1_3_network():
    layers = parse_spec(SECTION_1_3)
    assert layers == [conv(4, 5, 1, 2), Layer("relu"), pool("maxpool", 2), conv(6, 5, 1, 2), Layer("relu"),
                      pool("maxpool", 2), Layer("flatten"), linear(50), Layer("relu"), linear(10)]
    assert layers[2].stride == 2  # a pool's stride is its window unless given, as in PyTorch
    assert format_spec(layers) == SECTION_1_3


@pytest.mark.parametrize("text, layer", [
    ("conv 8 3x3", conv(8, 3)),
    ("conv 8 3", conv(8, 3)),
    ("CONV 8 3×3 stride 2 pad 1", conv(8, 3, 2, 1)),
    ("conv 8 3x3 padding 1 stride 2", conv(8, 3, 2, 1)),
    ("maxpool 3 stride 2", pool("maxpool", 3, 2)),
    ("max-pool 2", pool("maxpool", 2)),
    ("avgpool 2x2", pool("avgpool", 2)),
    ("bn", Layer("batchnorm")),
    ("batchnorm", Layer("batchnorm")),
    ("dropout 0.25", dropout(0.25)),
    ("fc 64", linear(64)),
    ("tanh", Layer("tanh")),
    ("sigmoid", Layer("sigmoid")),
])
def test_every_word_and_its_spellings(text, layer):
    assert parse_spec(text) == [layer]
    assert parse_spec(format_spec([layer])) == [layer]  # the written form reads back the same


def test_commas_new_lines_and_a_final_comma():
    assert parse_spec("conv 4 5x5,\nrelu\nflatten, linear 10,") == [conv(4, 5), Layer("relu"), Layer("flatten"),
                                                                    linear(10)]


@pytest.mark.parametrize("text, words", [
    ("", "no layers"),
    ("conv 4", "needs its number of filters and its kernel size"),
    ("conv four 5x5", "'four' is not a whole number"),
    ("conv 4 5x3", "square"),
    ("conv 4 5y5", "not a window size"),
    ("conv 4 5x5 pad", "pad needs a number"),
    ("conv 4 5x5 pad 1 pad 2", "given twice"),
    ("conv 4 5x5 dilation 2", "'dilation' is not understood"),
    ("maxpool 2 pad 1", "'pad' is not understood"),
    ("maxpool", "needs its window size"),
    ("linear", "needs its number of outputs"),
    ("linear 10 20", "needs its number of outputs"),
    ("dropout", "fraction"),
    ("dropout half", "fraction"),
    ("relu 2", "takes no numbers"),
    ("conv 4 5x5, , relu", "Layer 2 is empty"),
    ("softmax", "'softmax' is not a layer"),
])
def test_what_cannot_be_read_is_said_with_its_layer(text, words):
    with pytest.raises(LayerError) as caught:
        parse_spec(text)
    assert words in str(caught.value)
    # The layer it is about, for the editor to mark: the second one of "conv 4 5x5, , relu", else the first.
    assert caught.value.index == (None if not text else 1 if ", ," in text else 0)


def test_plain_data_round_trips_and_holds_only_each_kinds_fields():
    for preset in PRESETS:
        data = layers_to_data(preset.layers)
        assert [layer_from_data(item) for item in data] == preset.layers
    assert conv(4, 5, 1, 2).to_data() == {"kind": "conv", "filters": 4, "kernel": 5, "stride": 1, "padding": 2}
    assert Layer("relu").to_data() == {"kind": "relu"}
    assert dropout(0.3).to_data() == {"kind": "dropout", "p": 0.3}


@pytest.mark.parametrize("data, field", [
    ({"kind": "lstm"}, "kind"),
    ({"kind": 3}, "kind"),
    ({"filters": 4}, "kind"),
    ({"kind": "conv", "filters": 4, "kernel": 5, "stride": 1}, "padding"),
    ({"kind": "conv", "filters": "4", "kernel": 5, "stride": 1, "padding": 0}, "filters"),
    ({"kind": "conv", "filters": 4.0, "kernel": 5, "stride": 1, "padding": 0}, "filters"),
    ({"kind": "linear", "units": True}, "units"),
    ({"kind": "dropout", "p": float("nan")}, "p"),
    ({"kind": "dropout", "p": "0.5"}, "p"),
])
def test_plain_data_of_the_wrong_type_names_its_field(data, field):
    with pytest.raises(TypeError, match=f"^{field}$"):
        layer_from_data(data)
