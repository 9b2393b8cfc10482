"""The demo's feature content, app by app, in the order they build on each other:
meetings first (minutes raise actions), then the action logs, which raise the
rest of their actions at the meetings the meetings demo held, then case
reviews."""

from functools import partial

from actions import demo as actions_demo
from funding import demo as funding_demo
from meetings import demo as meetings_demo
from reviews import demo as reviews_demo

from .annual_report import demo as annual_report_demo

APP_SEEDERS = [
    meetings_demo.seed,
    partial(actions_demo.seed, held_meetings=meetings_demo.held_meetings),
    # Reviews raise their action plans on the action logs, after their own demo.
    reviews_demo.seed,
    funding_demo.seed,
    annual_report_demo.seed,  # last, as it reports on everything before it
]
