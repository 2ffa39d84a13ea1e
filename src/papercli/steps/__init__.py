"""Pure text steps. Each module owns one idea and knows nothing of files or terminals."""
