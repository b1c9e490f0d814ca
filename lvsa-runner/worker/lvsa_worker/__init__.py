"""lvsa-toolkit's model worker: executes attention plans written by the Java side."""

__version__ = "0.1.0"
