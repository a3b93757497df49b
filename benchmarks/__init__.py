"""Speed and memory benchmarks of the engine, and its idiomatic per-agent Mesa reference."""
