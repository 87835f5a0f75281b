"""Widgets: they lay out, bind to service signals and call service slots. None touches the client library."""
