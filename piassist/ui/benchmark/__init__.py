"""The Benchmark page ("Which model suits this Pi?") and its parts.

page.py          the page: choose models, run, and the tabs below
results_table.py the figures of every answer, as a table model
speed_chart.py   a bar per model (its answer speed here) with the published Pi 4 / Pi 5 figures beside it
side_by_side.py  the models' answers to one task next to each other, and the mark for the better one
advice_view.py   the best model measured for quick answers, for Ukrainian, for code; one click to use it
texts.py         the words: task names, verdicts, the failure sentence, the columns, the sources
place.py         where the window keeps the page (built when first shown) and what it binds to it
chat_pause.py    the chat's notice while a benchmark has the model
dialog.py        the page in a dialog, for a kiosk's admin
"""
