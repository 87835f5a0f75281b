"""Baseline for the startup benchmark: the least a PySide6 app does before its window paints."""

import sys

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow


class FirstPaint(QObject):
    def __init__(self, window: QMainWindow, quit_after: bool) -> None:
        super().__init__()
        self.window, self.quit_after, self.done = window, quit_after, False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self.done and watched is self.window and event.type() == QEvent.Type.Paint:
            self.done = True
            QTimer.singleShot(0, self.report)
        return False

    def report(self) -> None:
        print("painted", flush=True)
        if self.quit_after:
            self.window.close()


def main() -> int:
    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.setCentralWidget(QLabel("PiAssist"))
    window.resize(1024, 640)
    spy = FirstPaint(window, quit_after="--quit" in sys.argv)
    window.installEventFilter(spy)
    window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
