global using Xunit;
global using FedActors.TestKit;
