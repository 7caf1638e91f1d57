"""The Search tab: hyperparameter search over the open experiment, many trials in parallel.

    tab          SearchTab(session, parent): the tab, its layout and wiring
    space_table  SpaceTable: the search space as a table of fields, scales and ranges
    controller   SearchController: the search in a worker QThread, its progress as signals
    trials       TrialsModel and TrialsView: the sortable table of trials
    plots        dev error by field, the two most important fields, parallel coordinates,
                 the cost curves of the best trials
    names        what the tab calls each searchable field
"""

from visualnet.app.search.tab import SearchTab

__all__ = ["SearchTab"]
