"""Qt-free core: the proposal model, the guide, file formats and the guide check.

Nothing below this package imports PySide6.
"""

import os

# Pydantic looks for plugins in the entry points of every installed distribution when the
# first model is built (about 30 ms of each start, more on a machine with many packages),
# and a plugin found there would hook into the validation of every proposal. The app uses
# none; a value set by the user is kept.
os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
