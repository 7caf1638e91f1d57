"""Augmentation: off = identity, exact flips and shifts, rotation/zoom, noise, training only."""

import numpy as np
import pytest

from visualnet.core.data import Augmenter, DataError, prepare
from visualnet.core.data.config import AugmentConfig, DataConfig
from visualnet.core.data.image_ops import flip_lr, rotate_zoom, shift


@pytest.fixture(scope="module")
def digits():
    return prepare(DataConfig(source="digits", normalize=False))


def images(B=3, h=5, w=6):
    return np.random.default_rng(0).random((B, h, w))


def test_off_by_default_is_just_the_preprocessor():
    for source in ("digits", "moons"):
        data = prepare(DataConfig(source=source))
        augmenter = Augmenter(AugmentConfig(), data)
        assert not augmenter.active
        np.testing.assert_array_equal(augmenter.apply(data.train.X_raw, None), data.train.X)


def test_flip_lr_is_an_exact_mirror_of_the_chosen_images():
    img = images()
    out = flip_lr(img, np.array([True, False, True]))
    np.testing.assert_array_equal(out[0], img[0][:, ::-1])
    np.testing.assert_array_equal(out[1], img[1])
    np.testing.assert_array_equal(out[2, :, 0], img[2, :, -1])


def test_shift_moves_pixels_and_fills_with_zeros():
    img = images()
    out = shift(img, np.array([1, 0, -2]), np.array([2, -1, 0]))
    np.testing.assert_array_equal(out[0, 1:, 2:], img[0, :-1, :-2])  # down 1, right 2
    assert (out[0, 0] == 0).all() and (out[0, :, :2] == 0).all()
    np.testing.assert_array_equal(out[1, :, :-1], img[1, :, 1:])  # left 1
    assert (out[1, :, -1] == 0).all()
    np.testing.assert_array_equal(out[2, :-2], img[2, 2:])  # up 2
    assert (out[2, -2:] == 0).all()


def test_rotate_zoom_identity_quarter_turn_and_zoom():
    img = images(B=2, h=7, w=7)
    same = rotate_zoom(img, np.zeros(2), np.ones(2))
    np.testing.assert_allclose(same, img, atol=1e-12)
    quarter = rotate_zoom(img, np.full(2, np.pi / 2), np.ones(2))  # clockwise as displayed
    np.testing.assert_allclose(quarter, np.rot90(img, k=-1, axes=(1, 2)), atol=1e-12)
    zoomed = rotate_zoom(img, np.zeros(2), np.full(2, 2.0))
    # zoom ×2 about the centre (3, 3): out(3 + 2k) = img(3 + k); halfway points interpolate
    np.testing.assert_allclose(zoomed[:, 3, 5], img[:, 3, 4])
    np.testing.assert_allclose(zoomed[:, 1, 3], img[:, 2, 3])
    np.testing.assert_allclose(zoomed[:, 3, 4], (img[:, 3, 3] + img[:, 3, 4]) / 2)
    shrunk = rotate_zoom(img, np.zeros(2), np.full(2, 0.5))
    assert (shrunk[:, 0, 0] == 0).all()  # read from outside the image


def test_augmenter_flip_gives_each_image_or_its_mirror(digits):
    augmenter = Augmenter(AugmentConfig(flip=True), digits)
    X = digits.train.X_raw[:, :200]
    out = augmenter.apply(X, np.random.default_rng(1))
    before = X.T.reshape(-1, 8, 8)
    after = out.T.reshape(-1, 8, 8)
    mirrored = np.all(after == before[:, :, ::-1], axis=(1, 2))
    unchanged = np.all(after == before, axis=(1, 2))
    assert np.all(mirrored | unchanged)
    assert 60 < np.sum(mirrored & ~unchanged) < 140


def test_augmenter_shift_moves_each_image_by_at_most_s_pixels(digits):
    augmenter = Augmenter(AugmentConfig(shift=2), digits)
    X = digits.train.X_raw[:, :50]
    out = augmenter.apply(X, np.random.default_rng(2)).T.reshape(-1, 8, 8)
    before = X.T.reshape(-1, 8, 8)
    moves = range(-2, 3)
    for b in range(50):
        candidates = [shift(before[b : b + 1], np.array([dy]), np.array([dx]))[0]
                      for dy in moves for dx in moves]
        assert any(np.array_equal(out[b], c) for c in candidates)
    assert not np.array_equal(out, before)


def test_rotation_and_zoom_change_images_reproducibly(digits):
    augmenter = Augmenter(AugmentConfig(rotate=15, zoom=0.1), digits)
    X = digits.train.X_raw[:, :20]
    a = augmenter.apply(X, np.random.default_rng(3))
    b = augmenter.apply(X, np.random.default_rng(3))
    np.testing.assert_array_equal(a, b)
    assert a.shape == X.shape and not np.allclose(a, X)
    # small turns keep most of the ink
    assert 0.75 < a.sum() / X.sum() < 1.25


def test_pixel_noise_is_added_in_normalized_units():
    data = prepare(DataConfig(source="digits"))
    augmenter = Augmenter(AugmentConfig(pixel_noise=0.3), data)
    X = data.train.X_raw
    noise = augmenter.apply(X, np.random.default_rng(4)) - data.train.X
    assert abs(noise.std() - 0.3) < 0.01 and abs(noise.mean()) < 0.01


def test_jitter_is_in_normalized_units_and_features_follow_the_moved_point():
    data = prepare(DataConfig(source="moons", features={"x1_squared": True}))
    augmenter = Augmenter(AugmentConfig(jitter=0.1), data)
    X = np.tile(data.train.X_raw, 20)
    out = augmenter.apply(X, np.random.default_rng(5))
    moved = out[:2] - data.preprocessor.apply(X)[:2]
    np.testing.assert_allclose(moved.std(axis=1), 0.1, rtol=0.05)
    mean, std = data.preprocessor.mean, data.preprocessor.std
    x1 = out[0] * std[0] + mean[0]
    np.testing.assert_allclose(out[2] * std[2] + mean[2], x1**2)


def test_augmentation_never_touches_the_prepared_splits():
    plain = prepare(DataConfig(source="digits"))
    config = DataConfig(source="digits", augment={"flip": True, "shift": 1, "pixel_noise": 0.5})
    data = prepare(config)
    for split, same in zip((data.train, data.dev, data.test),
                           (plain.train, plain.dev, plain.test), strict=True):
        np.testing.assert_array_equal(split.X, same.X)
    X = data.train.X_raw[:, :10].copy()
    assert Augmenter(config.augment, data).active
    Augmenter(config.augment, data).apply(X, np.random.default_rng(0))
    np.testing.assert_array_equal(X, data.train.X_raw[:, :10])  # input left as it was


def test_options_that_do_not_fit_the_data_are_refused():
    with pytest.raises(DataError, match=r"^moons: augmentation flip, zoom only applies to "
                                        r"images"):
        Augmenter(AugmentConfig(flip=True, zoom=0.1), prepare(DataConfig(source="moons")))
    with pytest.raises(DataError, match=r"^digits: augmentation jitter only applies to 2-D"):
        Augmenter(AugmentConfig(jitter=0.1), prepare(DataConfig(source="digits")))
