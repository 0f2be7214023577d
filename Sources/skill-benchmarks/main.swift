// Temporary entry point on this branch; the merged main calls each benchmark in turn.
await runRequestVerificationBenchmark()
