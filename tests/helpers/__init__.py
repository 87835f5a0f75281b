"""What tests share, importable from any test, script or benchmark:

- fakes: FakeServer and FakeBackend (the Backend Protocol), FakeKeyring, builders of models and answers;
- clocks: Clock, the one clock a test sets or steps;
- waiting: wait_until and settle, to wait for conditions instead of times;
- screens: the screen sizes the offscreen tests can run at;
- real_server: the real Ollama the harness (scripts/harness.py) builds, started once per session;
- keyboard_walk: driving the whole app by keys only.

tests/conftest.py holds only the fixtures.
"""
