// Placeholder entry replaced by the benchmark suite.
export {};
