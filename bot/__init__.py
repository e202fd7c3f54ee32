"""The edges of briefbot: settings, the command line, and (later) the chat platforms."""
