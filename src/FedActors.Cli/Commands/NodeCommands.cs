using System.CommandLine;
using System.Runtime.InteropServices;
using FedActors.Actors.Core;
using FedActors.Cluster.Events;
using FedActors.Cluster.Membership;
using FedActors.Cluster.Node;
using FedActors.Configuration;
using FedActors.Crypto.Identity;
using FedActors.Federation.Deployment;
using FedActors.Learning;
using FedActors.Learning.Data;
using Microsoft.Extensions.Logging;

namespace FedActors.Cli.Commands;

/// <summary>
/// The <c>fedactors node --config FILE</c> command: starts one federation node (remoting over mutual TLS and
/// cluster membership) with the role its configuration claims, logs its address, member events and the
/// membership after each change on stdout, and runs until Ctrl-C or SIGTERM, when it leaves the cluster gracefully.
/// Exit code 0 after a stop or leave, 1 for a bad configuration or a refused join, 2 when the cluster downed or
/// removed the node.
/// </summary>
public static class NodeCommands
{
    /// <summary>The exit code of a node that the cluster downed or removed while it was running.</summary>
    public const int Removed = 2;

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The node configuration (HOCON over reference.conf): fedactors.remote, fedactors.cluster, fedactors.node.", Required = true };
        var command = new Command("node", "Run a federation node (coordinator, key-manager or client) until Ctrl-C or SIGTERM.") { config };
        command.SetAction((parse, cancellationToken) => CommandGuard.RunAsync(async () =>
        {
            var file = parse.GetValue(config)!;
            if (!file.Exists)
            {
                throw new FileNotFoundException($"{file.FullName}: node configuration not found", file.FullName);
            }
            using var loggerFactory = new ConsoleLoggerFactory(TimeProvider.System);
            var nodeConfig = ConfigFactory.Load(file.FullName);
            var node = await FederationNode.StartAsync(nodeConfig, DatasetCatalog.Names, loggerFactory);
            var log = loggerFactory.CreateLogger("FedActors.Node");
            var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void Stop(PosixSignalContext context)
            {
                context.Cancel = true;
                log.LogInformation("Received {Signal}", context.Signal);
                stop.TrySetResult();
            }
            node.System.ActorOf(Props.Create(() => new MembershipLogger(node.Cluster, log)), "membership-log");
            if (FederationHost.Serves(node.Role))
            {
                // The coordinator of `fedactors run --cluster` offers its runs to this actor.
                node.System.ActorOf(FederationHost.Props(node, LearningSettings.FromConfig(nodeConfig.GetConfig("fedactors.learning"))), FederationHost.Name);
            }
            using var registration = cancellationToken.Register(() => stop.TrySetResult());
            // The runtime's default for SIGTERM and SIGINT is to exit at once; cancelling it leaves time to leave the cluster.
            using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
            using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
            var ended = await Task.WhenAny(stop.Task, node.Cluster.WhenRemoved, node.Cluster.WhenUp);
            if (ended == node.Cluster.WhenUp)
            {
                if (node.Cluster.WhenUp.IsFaulted)
                {
                    await node.DisposeAsync();
                    await node.Cluster.WhenUp;
                }
                log.LogInformation("Node {Name} is Up at {Address}", node.Name, node.Cluster.SelfAddress);
                ended = await Task.WhenAny(stop.Task, node.Cluster.WhenRemoved);
            }
            if (ended == node.Cluster.WhenRemoved)
            {
                log.LogError("Node {Name} is no longer a member (downed or removed); restart it to rejoin", node.Name);
                await node.DisposeAsync();
                return Removed;
            }
            log.LogInformation("Node {Name} is stopping: leaving the cluster", node.Name);
            var left = await node.LeaveAndStopAsync();
            log.LogInformation("Node {Name} stopped{How}", node.Name, left ? " after leaving the cluster" : " without a confirmed leave");
            return 0;
        }));
        return command;
    }

    /// <summary>Logs the membership summary after every member event.</summary>
    private sealed class MembershipLogger : ReceiveActor
    {
        public MembershipLogger(Cluster.Cluster cluster, ILogger log)
        {
            Receive<CurrentClusterState>(_ => Summarize(cluster, log));
            Receive<IClusterDomainEvent>(_ => Summarize(cluster, log));
            cluster.Subscribe(Self);
        }

        private static void Summarize(Cluster.Cluster cluster, ILogger log)
        {
            var state = cluster.State;
            var members = state.Members.Select(m =>
                $"{m.Address.Host}:{m.Address.Port} {string.Join("+", m.Roles.Select(NodeRoles.ToName))} {m.Status}{(state.IsUnreachable(m.UniqueAddress) ? " unreachable" : string.Empty)}");
            log.LogInformation("Membership: {Count} members, {Up} Up, leader {Leader}: {Members}",
                state.Members.Count, state.Members.Count(m => m.Status == MemberStatus.Up), state.Leader?.ToString() ?? "none", string.Join("; ", members));
        }
    }

    /// <summary>One line per entry from <paramref name="minimum"/> on (stdout unless another writer is given): UTC time, level, category, message (and exception).</summary>
    internal sealed class ConsoleLoggerFactory(TimeProvider time, LogLevel minimum = LogLevel.Information, TextWriter? writer = null) : ILoggerFactory
    {
        private readonly Lock _gate = new();

        public LogLevel Minimum => minimum;

        public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException("The node's console log has no providers.");

        public ILogger CreateLogger(string categoryName) => new ConsoleLogger(this, categoryName);

        public void Dispose()
        {
        }

        private void Write(LogLevel level, string category, string message, Exception? exception)
        {
            var line = $"{time.GetUtcNow():HH:mm:ss.fff} {Level(level)} {category}: {message}{(exception is null ? string.Empty : Environment.NewLine + exception)}";
            lock (_gate)
            {
                (writer ?? Console.Out).WriteLine(line);
            }
        }

        private static string Level(LogLevel level) => level switch
        {
            LogLevel.Trace => "trce",
            LogLevel.Debug => "dbug",
            LogLevel.Information => "info",
            LogLevel.Warning => "warn",
            LogLevel.Error => "fail",
            _ => "crit",
        };

        private sealed class ConsoleLogger(ConsoleLoggerFactory factory, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= factory.Minimum && logLevel != LogLevel.None;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    factory.Write(logLevel, category, formatter(state, exception), exception);
                }
            }
        }
    }
}
