"""Plain Python, no Qt: domain types, the Ollama adapter and the rules that need no GUI."""
