using FedActors.Actors.Core;
using FedActors.Actors.Shutdown;
using Microsoft.Extensions.Hosting;

namespace FedActors.Actors.Hosting;

/// <summary>Ties an actor system to the generic host: starts the registered actors with the host, runs coordinated shutdown when the host stops, and stops the host when the system terminates on its own.</summary>
internal sealed class ActorSystemHostedService(ActorSystem system, IHostApplicationLifetime lifetime, IServiceProvider services, FedActorsStartup startup) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        startup.Start?.Invoke(system, services);
        _ = system.WhenTerminated.ContinueWith(static (_, l) => ((IHostApplicationLifetime)l!).StopApplication(), lifetime,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) =>
        CoordinatedShutdown.Get(system).Run(CoordinatedShutdownReason.HostStopping).WaitAsync(cancellationToken);
}

/// <summary>What <see cref="ServiceCollectionExtensions.AddFedActors"/> runs when the host starts.</summary>
internal sealed record FedActorsStartup(Action<ActorSystem, IServiceProvider>? Start);
