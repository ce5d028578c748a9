using FedActors.Actors.Core;
using FedActors.Actors.Hosting;
using FedActors.Actors.Shutdown;
using FedActors.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace FedActors.Actors.Tests.Hosting;

public sealed class ServiceCollectionExtensionsTests
{
    private sealed class Greeter : ReceiveActor
    {
        public Greeter() => Receive<string>(s => Sender.Tell("hello " + s));
    }

    [Fact]
    public async Task The_host_starts_the_actors_and_stopping_it_runs_coordinated_shutdown()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFedActors("hosted",
            config: _ => ConfigFactory.ParseString("fedactors.actor.ask-timeout = 3s").WithFallback(ConfigFactory.Reference),
            startActors: (system, _) => system.ActorOf(Props.Create<Greeter>(), "greeter"));
        using var host = builder.Build();
        await host.StartAsync();
        var system = host.Services.GetRequiredService<ActorSystem>();
        Assert.Equal(TimeSpan.FromSeconds(3), system.Settings.AskTimeout);
        var stopped = false;
        CoordinatedShutdown.Get(system).AddTask(CoordinatedShutdown.PhaseServiceStop, "flag", _ =>
        {
            stopped = true;
            return Task.CompletedTask;
        });
        Assert.Equal("hello host", await system.ResolveActorRef("fedactors://hosted/user/greeter").Ask<string>("host"));
        await host.StopAsync();
        Assert.True(stopped);
        Assert.True(system.WhenTerminated.IsCompleted);
    }

    [Fact]
    public async Task A_system_that_terminates_on_its_own_stops_the_host()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddFedActors("selfstopping");
        using var host = builder.Build();
        await host.StartAsync();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        await host.Services.GetRequiredService<ActorSystem>().Terminate();
        await Task.Delay(Timeout.InfiniteTimeSpan, lifetime.ApplicationStopping).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested);
        await host.StopAsync();
    }
}
