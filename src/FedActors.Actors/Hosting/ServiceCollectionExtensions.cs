using FedActors.Actors.Core;
using FedActors.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace FedActors.Actors.Hosting;

/// <summary>Registers an actor system with Microsoft.Extensions.Hosting.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="ActorSystem"/> that logs through the container's
    /// <see cref="ILoggerFactory"/> and runs on its <see cref="TimeProvider"/> (when registered), and a
    /// hosted service that calls <paramref name="startActors"/> when the host starts, runs coordinated
    /// shutdown when the host stops, and stops the host if the system terminates first.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="systemName">The actor system's name.</param>
    /// <param name="config">Builds the whole configuration (e.g. <c>ConfigFactory.Load(path)</c>); the reference defaults when omitted.</param>
    /// <param name="startActors">Creates the application's top-level actors when the host starts.</param>
    public static IServiceCollection AddFedActors(
        this IServiceCollection services,
        string systemName,
        Func<IServiceProvider, Config>? config = null,
        Action<ActorSystem, IServiceProvider>? startActors = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        Address.ValidateSystemName(systemName);
        services.AddSingleton(sp => ActorSystem.Create(systemName, new ActorSystemSetup
        {
            Config = config?.Invoke(sp) ?? ConfigFactory.Reference,
            TimeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System,
            LoggerFactory = sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance,
        }));
        services.AddSingleton(new FedActorsStartup(startActors));
        services.AddHostedService<ActorSystemHostedService>();
        return services;
    }
}
