"""The source list the data panel shows."""

from visualnet.core.data import source_info, source_infos
from visualnet.core.data.config import SOURCES


def test_every_source_is_listed_once_with_a_one_line_description():
    infos = source_infos()
    assert [i.name for i in infos] == list(SOURCES)
    for info in infos:
        assert info.description and "\n" not in info.description
        assert len(info.description) <= 100


def test_which_sources_read_n_noise_and_classes():
    assert source_info("moons").uses_n and source_info("moons").uses_noise
    assert not source_info("moons").uses_classes
    assert source_info("spiral").uses_classes and source_info("blobs").uses_classes
    for name in ("digits", "iris", "csv", "npz"):
        info = source_info(name)
        assert not (info.uses_n or info.uses_noise or info.uses_classes)
    assert source_info("wine").kind == "bundled" and source_info("csv").kind == "file"
    assert source_info("sine").kind == "built-in"
