"""The "Optimizer race" tab: the core's optimizers racing on 2-D loss surfaces.

    tab             RaceTab: the controls, the animation and the exports
    surface_picker  the surface, its parameters or a custom f(x, y)
    racers          the racers and the hyperparameter form of the selected one
    canvas          the surface panels (overlay or side by side) with trails and heads
    marks           the step-by-step arrows and √ŝ box at a head
    captions        the step-by-step captions, with each racer's numbers
    results         loss per step and the ranked results table
    keys            Space, → and R inside the tab
    render          the view as PNG (also headless, for ``visualnet race --png``)
"""

from visualnet.app.race.tab import RaceTab

__all__ = ["RaceTab"]
