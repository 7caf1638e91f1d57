"""The same search on a local Dask cluster (2 worker processes on loopback) gives the same
trials and results as the local process pool: one code path, two executors."""

import pytest

from visualnet.core.search.executors import open_executor
from visualnet.core.search.runner import Search, TrialDone

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None) as local:
        yield local


def outcome(search: Search) -> dict:
    return {(r.round, r.index): (r.params, r.key, r.status, r.dev_error, r.best_dev_error,
                                 r.train_error, r.train_cost, r.dev_cost)
            for r in search.records}


def test_a_dask_cluster_gives_the_local_pools_results_for_the_same_seed(cluster, tiny,
                                                                          make_space, tmp_path):
    space = make_space(trials=4, rounds=2, keep=2, seed=11)
    on_dask = Search(tiny, space, results=tmp_path / "dask.jsonl")
    with open_executor(scheduler=cluster.scheduler_address) as executing:
        assert executing.where == f"Dask cluster at {cluster.scheduler_address} (2 workers)"
        assert executing.slots is None
        assert on_dask.run(executing.executor, slots=executing.slots) == "finished"
    on_pool = Search(tiny, space, results=tmp_path / "pool.jsonl")
    with open_executor(workers=2) as executing:
        assert on_pool.run(executing.executor, slots=executing.slots) == "finished"
    assert len(on_dask.records) == 8
    assert outcome(on_dask) == outcome(on_pool)
    assert on_dask.spaces[1] == on_pool.spaces[1]  # both zoomed in on the same trials


def test_cancel_on_dask_drops_the_queued_trials(cluster, tiny, make_space):
    search = Search(tiny, make_space(trials=8))
    search.listeners.append(lambda event: isinstance(event, TrialDone) and search.cancel())
    with open_executor(scheduler=cluster.scheduler_address) as executing:
        assert search.run(executing.executor, slots=executing.slots) == "cancelled"
    assert 1 <= len(search.records) < 8
