"""Qt-free core: the proposal model, the guide, file formats and the guide check.

Nothing below this package imports PySide6.
"""
