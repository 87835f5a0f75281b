"""The benchmark ("Which model suits this Pi?"), without Qt: the task set, the language check, the figures
of one run, the published Pi figures, the advice, the store and the export.

tasks.py        the fixed task set (resources/benchmark_tasks.json), in both languages
language_check  which script and language an answer is written in (measured from its letters)
results.py      one model on one task: the server's final chunk, the machine's figures, the answer
runner.py       the run itself over a Backend: one model after another, each task in turn
plan.py         the order of the steps and the time left
published.py    other people's Pi figures (resources/published_figures.json), by model
advice.py       the best model this Pi measured for quick answers, for Ukrainian, for code
store.py        the runs and their results in SQLite (benchmarks.sqlite3)
export.py       a run as CSV and as a Markdown table
"""
