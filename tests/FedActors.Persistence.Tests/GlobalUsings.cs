global using Xunit;
global using ManualTimeProvider = FedActors.TestKit.ManualTimeProvider;
