"""The data pipeline: built-in, bundled and user data → train/dev/test splits for the network.

    prepare(config) → PreparedData      load, split, preprocess (``pipeline``)
    Augmenter(config.augment, data)     training-only augmentation of mini-batches (``augment``)
    source_infos()                      the sources with a one-line description each (``sources``)
    DataError                           every problem with the data, naming the file and the fault
"""

from visualnet.core.data.augment import Augmenter
from visualnet.core.data.errors import DataError
from visualnet.core.data.pipeline import prepare
from visualnet.core.data.sources import SourceInfo, source_info, source_infos

__all__ = ["Augmenter", "DataError", "SourceInfo", "prepare", "source_info", "source_infos"]
