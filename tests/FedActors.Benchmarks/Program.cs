using BenchmarkDotNet.Running;

// Runs the benchmark classes of this assembly: `dotnet run -c Release --project tests/FedActors.Benchmarks -- --filter '*Ntt*'`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
