"""Running training from the app: the worker thread, its controller, the run list."""
