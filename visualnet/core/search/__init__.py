"""Hyperparameter search (course, week 3): random on the right scale, coarse to fine, in parallel.

    scales     how a value is drawn: uniform, log, 1 − log, int, powers of two, choice
    fields     the experiment fields a search can vary, by dotted path, and setting them
    space      SearchSpace and Dimension: the ``search`` part of an experiment file
    sampling   random (seeded per trial) and grid points; distinct values per axis
    refine     coarse to fine: narrower ranges around the best trials of a round
    analysis   ranking the fields by importance; what the plots of a search show
    trial      Trial, TrialRecord and run_trial (what a worker process runs)
    results    the JSON-lines results file a search streams to and resumes from
    runner     Search: rounds of trials on any concurrent.futures executor, cancel, resume
    executors  the local process pool and the Dask cluster executor
    report     the text table of the command line

The modules that train (trial, runner, executors) import the experiment, which imports
``space``; import them by their module path (``from visualnet.core.search.runner import Search``).
"""

from visualnet.core.search.space import Dimension, SearchSpace

__all__ = ["Dimension", "SearchSpace"]
